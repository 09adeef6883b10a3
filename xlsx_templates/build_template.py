"""Build the committed template xlsx_templates/分解表模板.xlsx (the same workbook `zhibiao new` writes)."""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from build_examples import save_deterministic  # noqa: E402

from zhibiao.workbook.template import TemplateSpec, new_workbook  # noqa: E402

OUT = HERE / "分解表模板.xlsx"


def main() -> None:
    wb = new_workbook(TemplateSpec())
    save_deterministic(wb.save, OUT)
    print(f"wrote {OUT.name}")


if __name__ == "__main__":
    main()
