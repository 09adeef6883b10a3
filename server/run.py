"""Start zhibiao's xlwings Server app with uvicorn: address, workers and certificates from ZHIBIAO_* settings.

Settings come from the environment, then from server/.env (or the file DOTENV_PATH names); see
.env.example. `make server` runs this on 127.0.0.1 for a try-out.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
APP = "xlwings_server.main:main_app"


class SettingError(ValueError):
    """A ZHIBIAO_* setting that cannot be used; the message is for IT, in Chinese."""


def _int(name: str, default: int, low: int, high: int) -> int:
    text = os.environ.get(name, "").strip() or str(default)
    if not text.isdigit() or not low <= int(text) <= high:
        raise SettingError(f"{name} 应为 {low} 到 {high} 的整数，现为 {text}")
    return int(text)


def _file(name: str) -> str | None:
    text = os.environ.get(name, "").strip()
    if text and not Path(text).is_file():
        raise SettingError(f"{name} 指向的文件不存在：{text}")
    return text or None


def options() -> dict:
    """uvicorn's options from the ZHIBIAO_* settings."""
    certfile, keyfile = _file("ZHIBIAO_SSL_CERTFILE"), _file("ZHIBIAO_SSL_KEYFILE")
    if bool(certfile) != bool(keyfile):
        raise SettingError("ZHIBIAO_SSL_CERTFILE 和 ZHIBIAO_SSL_KEYFILE 须同时设置（证书和私钥）")
    _int("ZHIBIAO_DOWNLOAD_TTL", 600, 10, 86400)  # checked here so a typo stops the start, not a download
    return {
        "host": os.environ.get("ZHIBIAO_HOST", "").strip() or "127.0.0.1",
        "port": _int("ZHIBIAO_PORT", 8000, 1, 65535),
        "workers": _int("ZHIBIAO_WORKERS", 1, 1, 64),
        "ssl_certfile": certfile,
        "ssl_keyfile": keyfile,
        "ssl_keyfile_password": os.environ.get("ZHIBIAO_SSL_KEYFILE_PASSWORD") or None,
        # behind a reverse proxy that terminates HTTPS: trust its X-Forwarded-* headers
        "proxy_headers": True,
        "forwarded_allow_ips": os.environ.get("ZHIBIAO_FORWARDED_ALLOW_IPS", "").strip() or "127.0.0.1",
        "timeout_keep_alive": 30,
    }


def main() -> int:
    env_file = Path(os.environ.get("DOTENV_PATH") or HERE / ".env")
    try:
        import uvicorn
        from dotenv import load_dotenv
    except ImportError:
        print("未安装 xlwings Server：请在 zhibiao 目录执行 pip install -e '.[server]'", file=sys.stderr)
        return 2
    if env_file.is_file():
        load_dotenv(env_file, override=False)  # the environment wins over the file
    try:
        opts = options()
    except SettingError as exc:
        print(f"设置有误：{exc}", file=sys.stderr)
        return 2
    os.environ["XLWINGS_PROJECT_DIR"] = str(HERE)  # where xlwings Server finds custom_functions/ and templates/
    os.chdir(HERE)
    uvicorn.run(APP, **opts)
    return 0


if __name__ == "__main__":
    sys.exit(main())
