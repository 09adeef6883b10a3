"""zhibiao's xlwings Server app over real HTTP: uvicorn with 4 workers on a free loopback port.

Every answer is compared with what the same call gives in-process (xlwings' own server entry
points, as in test_udfs.py and test_macros.py), so HTTP adds nothing and loses nothing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib.util
import io
import json
import os
import re
import shutil
import signal
import socket
import ssl
import statistics
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import EXAMPLES, FILES, HUZHOU, PINGHU, ROOT
from xlserver import book_payload, on, replay, server  # noqa: F401  (fixture)

from zhibiao import check_file, read_workbook

if importlib.util.find_spec("xlwings_server") is None:  # find_spec: importing it would switch xlwings to server mode here
    pytest.skip("xlwings Server is not installed (pip install -e '.[server]')", allow_module_level=True)
httpx = pytest.importorskip("httpx")

CJK = re.compile(r"[\u4e00-\u9fff]")
PROGRESS = EXAMPLES / "湖州2023进度示例.xlsx"
WORKERS = 4
START_TIMEOUT = 120  # seconds: four workers import xlwings, zhibiao and matplotlib on a busy machine
STOP_TIMEOUT = 15


@dataclass
class App:
    base: str
    proc: subprocess.Popen
    store: Path
    client: httpx.Client

    def call(self, func_name: str, *args) -> httpx.Response:
        """A custom function call as Excel's Office.js client posts it."""
        data = {"func_name": func_name, "args": list(args), "caller_address": "Sheet1!A1", "version": "0.37.8",
                "client": "Office.js", "runtime": "1.4", "culture_info_name": "zh-CN", "date_format": "yyyy/m/d"}
        return self.client.post("/xlwings/custom-functions-call", json=data)

    def script(self, name: str, payload: dict) -> list[dict]:
        response = self.client.post(f"/xlwings/custom-scripts-call/{name}", json=payload)
        assert response.status_code == 200, response.text
        return response.json()["actions"]

    def stored(self) -> list[Path]:
        """What the download store holds (created at the first briefing)."""
        return list(self.store.iterdir()) if self.store.exists() else []

    def workers(self) -> set[int]:
        """PIDs of the server's child processes (Linux)."""
        children = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children")
        return set(map(int, children.read_text().split())) if children.exists() else set()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _stop(proc: subprocess.Popen) -> None:
    """Stop the server by its PID: SIGTERM (uvicorn stops its workers), SIGKILL to the group after a bound."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            pass
    try:
        os.killpg(proc.pid, signal.SIGKILL)  # its own session: workers that outlived it, if any
    except ProcessLookupError:
        pass
    proc.wait(STOP_TIMEOUT)


@contextlib.contextmanager
def running(tmp: Path, workers: int = 1, scheme: str = "http", verify=True, **settings: str):
    """server/run.py on a free loopback port, as IT starts it; stopped by its PID however the test ends."""
    (tmp / "empty.env").write_text("")
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XLWINGS_", "ZHIBIAO_"))}
    env.update({"ZHIBIAO_HOST": "127.0.0.1", "ZHIBIAO_PORT": str(port), "ZHIBIAO_WORKERS": str(workers),
                "ZHIBIAO_DOWNLOAD_DIR": str(tmp / "downloads"), "DOTENV_PATH": str(tmp / "empty.env"),
                "XLWINGS_LOG_LEVEL": "WARNING", **settings})  # the rest from server/pyproject.toml, as IT gets it
    log = tmp / "server.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen([sys.executable, str(ROOT / "server" / "run.py")], env=env, stdout=out,
                                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
    base = f"{scheme}://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            assert proc.poll() is None, f"the server stopped:\n{log.read_text(errors='replace')[-3000:]}"
            assert time.monotonic() < deadline, f"no answer in {START_TIMEOUT} s:\n{log.read_text()[-3000:]}"
            try:
                if httpx.get(base + "/", timeout=2, verify=verify).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.5)
        with httpx.Client(base_url=base, timeout=120, verify=verify, limits=httpx.Limits(max_connections=64)) as client:
            yield App(base, proc, tmp / "downloads", client)
    finally:
        _stop(proc)


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    with running(tmp_path_factory.mktemp("server"), workers=WORKERS) as started:
        yield started


@pytest.fixture(scope="module")
def udfs(server):  # noqa: F811
    from udfs import zhibiao_udfs

    return zhibiao_udfs


@pytest.fixture(scope="module")
def macros(server):  # noqa: F811
    from macros import zhibiao_macros

    return zhibiao_macros


def _cell(value):
    """One cell as Office.js sends it: "" when empty, a date as Excel's serial number."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return (value - dt.datetime(1899, 12, 30)).total_seconds() / 86400
    if isinstance(value, dt.date):
        return (value - dt.date(1899, 12, 30)).days
    return value


def office(rows):
    """Values as Office.js sends a range: a 2-D matrix of cells."""
    return [[_cell(v) for v in row] for row in rows]


def indicator_rows(path) -> list[list]:
    grid = read_workbook(path).grids[0]
    return [grid.rows[i.row] for i in check_file(path).indicators]


# ---- functions ------------------------------------------------------------------------------------

def test_metadata_lists_every_function_with_chinese_help(app, server, udfs):  # noqa: F811
    response = app.client.get("/xlwings/custom-functions-meta.json")
    assert response.status_code == 200
    functions = response.json()["functions"]
    local = server.meta(udfs)["functions"]
    assert {"ZB_CHECK", "ZB_KIND", "ZB_LIGHT", "ZB_NUMBER", "ZB_SPLIT"} <= {f["id"] for f in functions}
    # every function the module declares, under its name without ZB_ (the namespace says it: =ZB.SPLIT)
    assert [(f["id"], f["name"]) for f in functions] == [(f["id"], f["id"].removeprefix("ZB_")) for f in local]
    for f in functions:
        assert CJK.search(f["description"]) and all(CJK.search(p["description"]) for p in f["parameters"]), f["id"]
    # everything but the name Excel shows is what the module declares in-process
    assert [{**f, "name": None} for f in functions] == [{**f, "name": None} for f in local]


def _light_args():
    """The 湖州 progress example: June's actuals against the split's targets, row by row."""
    book = read_workbook(PROGRESS)
    split = {r[0]: r for r in next(g for g in book.grids if g.name == "任务分解").rows[2:] if r and r[0]}
    actual = [r for r in next(g for g in book.grids if g.name == "进度 2023-06").rows[2:] if r and r[0] in split]
    targets = [split[r[0]][1:7] for r in actual]
    return [office([r[1:7] for r in actual]), office(targets), [[6]], office([[r[0]] for r in actual]), [["银川"]], None]


def _project_args():
    """The invented 重大项目 example: one row per project, the seven columns ZB_PROJECT takes."""
    rows = read_workbook(EXAMPLES / "重大项目示例.xlsx").grids[1].rows
    projects = [r for r in rows if isinstance(r[0], float)]
    return [office([[r[c]] for r in projects]) for c in (6, 8, 7, 9, 5, 10)] + [[["2023-06"]]]


def _calls():
    huzhou = indicator_rows(HUZHOU)
    short = indicator_rows(FILES / "huzhou_short.xlsx")
    split = lambda rows: [office([[r[7]] for r in rows]), office([r[1:7] for r in rows]),  # noqa: E731
                          office([[r[0]] for r in rows]), None]
    return {
        "number 湖州": ("zb_number", [office([r[1:8] for r in huzhou])]),
        "kind 湖州": ("zb_kind", [office([[r[0]] for r in huzhou]), None]),
        "split 湖州": ("zb_split", split(huzhou)),
        "split huzhou_short": ("zb_split", split(short)),
        "split huzhou_infeasible": ("zb_split", split(indicator_rows(FILES / "huzhou_infeasible.xlsx"))),
        "check 湖州": ("zb_check", [office(read_workbook(HUZHOU).grids[0].rows), None]),
        "check huzhou_short": ("zb_check", [office(read_workbook(FILES / "huzhou_short.xlsx").grids[0].rows), None]),
        "check 平湖": ("zb_check", [office(read_workbook(PINGHU).grids[0].rows), None]),
        "light 湖州进度": ("zb_light", _light_args()),
        "project 重大项目示例": ("zb_project", _project_args()),
    }


CALLS = _calls()


@pytest.mark.parametrize("case", CALLS)
def test_each_function_on_the_seed_tables_answers_as_in_process(app, server, udfs, case):  # noqa: F811
    func, args = CALLS[case]
    response = app.call(func, *args)
    assert response.status_code == 200, response.text
    got = response.json()["result"]
    assert got == server.call(udfs, func, *args)
    assert not any(isinstance(v, str) and v.startswith("错误：") for row in got for v in row)


def test_the_answers_carry_the_findings(app):
    """Anchors that do not depend on the in-process run: the 湖州 gaps and the 平湖 findings."""
    _, args = CALLS["split huzhou_short"]
    rows = app.call("zb_split", *args).json()["result"]
    assert ["有缺口", 50, "合计"] in rows and ["超额分解", -0.1, "合计"] in rows
    _, args = CALLS["check 平湖"]
    got = app.call("zb_check", *args).json()["result"]
    assert {(r[1], r[2]) for r in got[1:]} == {(f.code, f.indicator) for f in check_file(PINGHU).findings}
    _, args = CALLS["light 湖州进度"]
    lights = {v for row in app.call("zb_light", *args).json()["result"] for v in row}
    assert lights <= {"绿", "黄", "红", "—"} and {"绿", "红"} <= lights
    _, args = CALLS["project 重大项目示例"]
    lights = [row[0] for row in app.call("zb_project", *args).json()["result"]]
    assert len(lights) == len(args[0]) > 10 and set(lights) <= {"绿", "黄", "红", "—"} and {"绿", "黄", "红"} <= set(lights)


def test_an_unknown_function_is_an_error_and_the_next_request_is_served(app):
    workers = app.workers()
    response = app.call("zb_nope", [[1]])
    assert response.status_code == 400 and response.text.startswith("zhibiao 服务器没有函数 ZB_NOPE")
    for _ in range(2 * WORKERS):
        assert app.call("zb_number", [["1.2万"]]).json() == {"result": [[12000.0]]}
    assert app.workers() == workers  # no worker died and was replaced


def test_fifty_concurrent_checks_with_four_workers_agree(app, server, udfs, capsys):  # noqa: F811
    table = office(read_workbook(HUZHOU).grids[0].rows)
    expected = server.call(udfs, "zb_check", table, None)

    def one(_):
        start = time.perf_counter()
        response = app.call("zb_check", table, None)
        return time.perf_counter() - start, response.status_code, response.json()["result"]

    with ThreadPoolExecutor(max_workers=50) as pool:
        answers = list(pool.map(one, range(50)))
    assert {status for _, status, _ in answers} == {200}
    assert all(result == expected for _, _, result in answers)
    seconds = sorted(t for t, _, _ in answers)
    cuts = statistics.quantiles(seconds, n=20)
    with capsys.disabled():
        print(f"\n50 concurrent ZB_CHECK (湖州, {WORKERS} workers): p50 {statistics.median(seconds) * 1000:.0f} ms, "
              f"p95 {cuts[18] * 1000:.0f} ms, max {seconds[-1] * 1000:.0f} ms")


# ---- scripts --------------------------------------------------------------------------------------

def test_scripts_are_the_two_buttons(app):
    meta = {m["function_name"]: m["name"] for m in app.client.get("/xlwings/custom-scripts-meta.json").json()}
    assert meta == {"validate": "校验", "generate_briefing": "生成简报"}


def test_validate_twice_the_second_replaces_the_first(app, server, macros):  # noqa: F811
    payload = book_payload(HUZHOU)
    first = app.script("validate", payload)
    assert first == server.run(macros, "validate", payload)
    assert [a["args"][1] for a in on(first, "addSheet")] == ["校验结果", "_zhibiao"]
    again = replay(payload, first)
    second = app.script("validate", again)
    assert second == server.run(macros, "validate", again)
    assert [a["args"][1] for a in on(second, "addSheet")] == ["_zhibiao"]  # 校验结果 is reused, not added again
    assert on(second, "sheetClear") and len(on(second, "deleteSheet") + on(second, "sheetDelete")) == 1
    assert sorted((a["start_row"], a["start_column"]) for a in on(second, "deleteNote", 0)) == \
        sorted((a["start_row"], a["start_column"]) for a in on(first, "addNote", 0))


def _offered(actions) -> dict:
    offers = on(actions, "runMacro")
    assert len(offers) == 1 and offers[0]["args"][0] == "zhibiaoOfferDownloads", actions
    return json.loads(offers[0]["args"][1])


def test_generate_briefing_serves_each_file_once(app):
    from docx import Document

    actions = app.script("generate_briefing", book_payload(HUZHOU))
    offer = _offered(actions)
    assert [f["name"] for f in offer["files"]] == ["湖州2023区县分解.简报.docx", "湖州2023区县分解.简报.html"]
    assert offer["minutes"] == 10
    urls = [f["url"] for f in offer["files"]]
    assert all(re.fullmatch(r"/zhibiao/download/[A-Za-z0-9_-]{32}", u) for u in urls) and len(set(urls)) == 2
    assert len(app.stored()) == 2

    docx, html = (app.client.get(u) for u in urls)
    assert docx.status_code == html.status_code == 200
    assert docx.headers["content-disposition"].startswith("attachment;")
    assert "filename*=utf-8''" in docx.headers["content-disposition"].lower()
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "简报" in text and "高耗低效整治" in text
    assert "高耗低效整治腾出能耗空间" in html.content.decode("utf-8")

    for url in urls:
        gone = app.client.get(url)
        assert gone.status_code == 404 and "只能下载一次" in gone.text
    deadline = time.monotonic() + 5  # the file is deleted right after it was sent
    while app.stored() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not app.stored()


def test_generate_briefing_without_a_table_alerts_and_keeps_nothing(app):
    actions = app.script("generate_briefing", book_payload(FILES / "not_a_table.xlsx"))
    assert [a["func"] for a in actions] == ["alert"]
    assert "没有找到指标分解表" in actions[0]["args"][0] and actions[0]["args"][1] == "zhibiao 生成简报"
    assert not app.stored()


def test_an_unknown_download_is_not_found(app):
    assert app.client.get("/zhibiao/download/" + "A" * 32).status_code == 404
    assert app.client.get("/zhibiao/download/..%2F..%2Fetc%2Fpasswd").status_code == 404


# ---- manifest and task pane -----------------------------------------------------------------------

def _urls(root: ET.Element) -> list[str]:
    """Every URL the manifest gives Excel (namespace declarations are not links)."""
    values = [v for el in root.iter() for v in [*el.attrib.values(), el.text or ""]]
    return [v.strip() for v in values if re.match(r"\s*https?://", v)]


def test_manifest_is_valid_xml_pointing_only_at_the_server(app):
    response = app.client.get("/manifest")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    assert root.tag == "{http://schemas.microsoft.com/office/appforoffice/1.1}OfficeApp"
    urls = _urls(root)
    assert urls and all(u == app.base or u.startswith(app.base + "/") for u in urls), urls
    ns = {"o": "http://schemas.microsoft.com/office/appforoffice/1.1",
          "bt": "http://schemas.microsoft.com/office/officeappbasictypes/1.0"}
    for tag in ("IconUrl", "HighResolutionIconUrl", "SupportUrl"):
        assert root.find(f"o:{tag}", ns).get("DefaultValue") in urls
    strings = {s.get("id"): s.get("DefaultValue") for s in root.iter(f"{{{ns['bt']}}}String")}
    assert strings["Functions.Namespace"] == "ZB"
    for url in {u for u in urls if u != app.base}:
        got = app.client.get(url)
        assert got.status_code == 200, url
        if url.endswith(".png"):
            assert got.headers["content-type"] == "image/png" and got.content.startswith(b"\x89PNG")


def test_task_pane_has_both_buttons_chinese_help_and_nothing_from_outside(app):
    page = app.client.get("/taskpane.html")
    assert page.status_code == 200
    text = page.text
    assert 'xw-click="validate"' in text and 'xw-click="generate_briefing"' in text
    assert "只能下载一次，10 分钟内有效" in text and "=ZB.SPLIT(" in text
    assert not re.findall(r'(?:src|href)="(?:https?:)?//', text)  # every script and style from this server
    main_js = app.client.get("/static/js/main.js")
    assert main_js.status_code == 200 and "async function zhibiaoOfferDownloads(" in main_js.text
    help_page = app.client.get("/static/help.html").text
    assert "生成简报" in help_page and not re.findall(r'(?:src|href)="(?:https?:)?//', help_page)


def test_run_py_rejects_a_bad_setting_in_one_chinese_line(tmp_path):
    (tmp_path / "empty.env").write_text("")
    env = {**os.environ, "ZHIBIAO_PORT": "八千", "DOTENV_PATH": str(tmp_path / "empty.env")}
    done = subprocess.run([sys.executable, str(ROOT / "server" / "run.py")], env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.strip() == "设置有误：ZHIBIAO_PORT 应为 1 到 65535 的整数，现为 八千"


@pytest.mark.parametrize("settings, message", [
    ({"ZHIBIAO_WORKERS": "0"}, "ZHIBIAO_WORKERS 应为 1 到 64 的整数，现为 0"),
    ({"ZHIBIAO_SSL_CERTFILE": "/nonexistent/cert.pem", "ZHIBIAO_SSL_KEYFILE": "/nonexistent/key.pem"},
     "ZHIBIAO_SSL_CERTFILE 指向的文件不存在：/nonexistent/cert.pem"),
    ({"ZHIBIAO_SSL_CERTFILE": str(ROOT / "server" / "run.py")}, "ZHIBIAO_SSL_CERTFILE 和 ZHIBIAO_SSL_KEYFILE 须同时设置（证书和私钥）"),
], ids=["workers", "missing-cert", "cert-without-key"])
def test_run_py_names_the_setting_to_fix(tmp_path, settings, message):
    (tmp_path / "empty.env").write_text("")
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZHIBIAO_")}
    env.update({"DOTENV_PATH": str(tmp_path / "empty.env"), **settings})
    done = subprocess.run([sys.executable, str(ROOT / "server" / "run.py")], env=env, capture_output=True,
                          text=True, timeout=60)
    assert (done.returncode, done.stderr.strip()) == (2, f"设置有误：{message}")


def test_alerts_have_chinese_buttons(app):
    page = app.client.get("/xlwings/alert", params={"prompt": "没有找到指标分解表\n<b>", "title": "zhibiao 生成简报",
                                                    "buttons": "ok", "mode": "info", "callback": ""})
    assert page.status_code == 200
    assert "zhibiao 生成简报" in page.text and ">确定</button>" in page.text and "&lt;b&gt;" in page.text


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl is not installed (it makes the test certificate)")
def test_https_with_the_certificate_paths_from_the_settings(tmp_path):
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True, timeout=60)
    trust = ssl.create_default_context(cafile=str(cert))
    with running(tmp_path, scheme="https", verify=trust, ZHIBIAO_SSL_CERTFILE=str(cert),
                 ZHIBIAO_SSL_KEYFILE=str(key)) as started:
        manifest = started.client.get("/manifest")
        assert manifest.status_code == 200
        urls = _urls(ET.fromstring(manifest.content))
        assert urls and all(u.startswith(started.base) for u in urls) and started.base.startswith("https://")
        assert started.call("zb_number", [["1.2万"]]).json() == {"result": [[12000.0]]}
        with pytest.raises(httpx.TransportError):  # plain HTTP is not served on the HTTPS port
            httpx.get(started.base.replace("https://", "http://") + "/", timeout=5)
