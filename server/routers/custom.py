"""The one-time download route for briefings made by 生成简报."""

from fastapi import APIRouter
from fastapi.responses import FileResponse, PlainTextResponse
from starlette.background import BackgroundTask
from xlwings_server.config import settings
from xlwings_server.templates import templates

from zhibiao_server import DOWNLOAD_ROUTE, downloads

router = APIRouter(prefix=settings.app_path)
templates.env.globals["zhibiao_download_minutes"] = max(1, downloads.ttl() // 60)

GONE = "链接已失效：每份简报只能下载一次，且须在生成后 {minutes} 分钟内下载。请在任务窗格中重新点击“生成简报”。"


@router.get(DOWNLOAD_ROUTE + "/{token}")
async def download(token: str):
    """Serve a briefing once, then delete it."""
    taken = downloads.take(token)
    if taken is None:
        return PlainTextResponse(GONE.format(minutes=max(1, downloads.ttl() // 60)), status_code=404,
                                 headers={"Cache-Control": "no-store"})
    return FileResponse(taken.path, filename=taken.path.name, content_disposition_type="attachment",
                        headers={"Cache-Control": "no-store"}, background=BackgroundTask(taken.done))
