"""zhibiao's Excel functions (udfs/zhibiao_udfs.py), as xlwings Server offers them to Excel.

Every function the module declares with @xw.func is offered, so a new ZB_* function reaches the
server without an edit here. The manifest's namespace already says zhibiao (XLWINGS_FUNCTIONS_NAMESPACE
=ZB), so Excel shows =ZB.SPLIT(…) rather than =ZB.ZB_SPLIT(…). Only the name Excel shows changes: the
function ids stay ZB_SPLIT …, and the classic add-in and xlwings Lite keep =ZB_SPLIT(…).
"""

import xlwings as xw

import zhibiao_server  # noqa: F401  (puts the checkout on sys.path)
from udfs import zhibiao_udfs

__all__ = sorted(name for name, obj in vars(zhibiao_udfs).items() if hasattr(obj, "__xlfunc__"))
globals().update({name: getattr(zhibiao_udfs, name) for name in __all__})
for _name in __all__:
    xw.func(name=_name.removeprefix("zb_").upper())(getattr(zhibiao_udfs, _name))
del _name  # xlwings lists every decorated function in this module: the loop variable must not be one


class UnknownFunction(xw.XlwingsError, AttributeError):
    """A call of a function this server does not offer (an old workbook, a typo)."""


def __getattr__(name: str):
    # xlwings looks the called function up with getattr: an unknown name becomes an XlwingsError, which
    # xlwings Server answers with 400 and a message; a plain AttributeError would be a 500 after which
    # uvicorn drops the keep-alive connection, failing the client's next request on it too
    if name.startswith("_"):
        raise AttributeError(name)
    raise UnknownFunction(f"zhibiao 服务器没有函数 {name.upper()}：请重新加载任务窗格，或请信息中心更新服务器上的 zhibiao")
