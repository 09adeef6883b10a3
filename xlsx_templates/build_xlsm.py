"""Build the committed macro-enabled template xlsx_templates/分解表模板.xlsm (what `zhibiao new -o X.xlsm` writes).

Its vbaProject.bin comes from macros/ZhibiaoButtons.bas (zhibiao/vba_project.py); rerunning gives identical bytes.
"""

import io
import re
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from build_examples import save_deterministic  # noqa: E402

from zhibiao.workbook.template import TemplateSpec  # noqa: E402
from zhibiao.vba.xlsm import new_xlsm  # noqa: E402

OUT = HERE / "分解表模板.xlsm"


def canonical_save(wb):
    """wb.save with parts in name order and content-type defaults sorted.

    openpyxl adds the kept VBA parts in set order, which changes from run to run.
    """
    def save(buffer):
        raw = io.BytesIO()
        wb.save(raw)
        with zipfile.ZipFile(raw) as src, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as dst:
            for name in sorted(src.namelist()):
                data = src.read(name)
                if name == "[Content_Types].xml":
                    defaults = re.findall(rb"<Default [^>]*/>", data)
                    data = re.sub(rb"(<Default [^>]*/>)+", lambda _: b"".join(sorted(defaults)), data, count=1)
                dst.writestr(name, data)
    return save


def main() -> None:
    save_deterministic(canonical_save(new_xlsm(TemplateSpec())), OUT)
    print(f"wrote {OUT.name}")


if __name__ == "__main__":
    main()
