"""Progress on thousands of random in-memory workbooks, from two source trees: the same output or not.

    python bench/fuzz_progress.py OLD_TREE NEW_TREE [COUNT]

Each workbook (seeded, so both trees see the same ones) has a split sheet and a 进度 sheet: plain figures and
text targets (ranges, bounds, 待下达, /, 定性, 含…), blanks, zero and negative targets, figures past 2^53, NaN,
booleans, percent cells, merged cells, shuffled, missing and extra rows and regions, duplicate region names,
regions as rows, 赛马权重 and odd 设置. Per workbook it hashes `progress_workbook(...).dumps()` and what `write_json` writes
to a text stream and to a UTF-8 one, every status
with its write-back position, the weights, the exit code and the headline (or the error). A speed change must
print `0 difference(s)`; `compare_outputs.py` does the same for the bundled examples and the written files.
"""
import hashlib
import io
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

from zhibiao.grid import Grid, Workbook
from zhibiao.errors import ZhibiaoError
from zhibiao.progress.report import progress_workbook

NAMES = ["企业数(家)", "规上工业增加值增长(%)", "单位GDP能耗下降率(%)", "固定资产投资(亿元)", "制造业投资增长(%)",
         "招商引资项目(个)", "高新技术产业增加值占比(%)", "城镇新增就业(万人)", "PM2.5浓度(微克/立方米)", "安全事故死亡人数(人)",
         "研发投入(亿元)", "“亩均”税收(万元)", "新增“专精特新”企业", "外贸出口额", "税收收入（亿元）"]
TEXTS = ["≥12", "不低于8", "1-2个", "待下达", "/", "完成省定目标", "4.5(含{r})", "", " ", "不超过5", "约10", "12%",
         "1.2万", "150家", "—", "定性", "力争7.5", "≤3", "待定", "abc", "3.5左右", "0", "-2"]
ACT_TEXTS = ["", "/", "待统计", "abc", "12%", "1.2万", "未报", "≥3", "—", "0", " 7.5 "]

def value(rng, regions, text_pool, num_p=0.75):
    x = rng.random()
    if x < num_p:
        y = rng.random()
        if y < 0.03: return 0.0
        if y < 0.05: return -rng.randint(1, 50) * 1.0
        if y < 0.07: return 1e308
        if y < 0.09: return float("nan") if rng.random() < 0.3 else 2 ** 60
        if y < 0.2: return rng.randint(0, 500)
        if y < 0.3: return round(rng.uniform(0, 1), 3)
        if y < 0.35: return rng.choice([5.0, 10.0, 12.5])  # ties
        return round(rng.uniform(0, 300), rng.choice([0, 1, 2, 4]))
    if x < 0.8: return None
    if x < 0.82: return True
    return rng.choice(text_pool).replace("{r}", rng.choice(regions))

def book(seed):
    rng = random.Random(seed)
    nreg = rng.randint(1, 9)
    regions = [f"{rng.choice('东西南北中')}{i}区" for i in range(nreg)]
    if nreg > 2 and rng.random() < 0.1: regions[-1] = regions[0]
    parent = rng.choice(["全市", "合计", "全县"])
    extras = []
    if rng.random() < 0.4: extras.append("赛马权重")
    if rng.random() < 0.4: extras.append("单位")
    if rng.random() < 0.5: extras.append("责任部门")
    has_parent = rng.random() < 0.9
    header = ["指标名称"] + regions + ([parent] if has_parent else []) + extras
    nrows = rng.randint(1, 14)
    names = rng.sample(NAMES, min(nrows, len(NAMES)))
    split = [header]
    for n in names:
        row = [n] + [value(rng, regions, TEXTS) for _ in regions]
        if has_parent: row.append(value(rng, regions, TEXTS, 0.85))
        for e in extras:
            row.append({"赛马权重": rng.choice([1, 2, 0.5, None, "", "x", -1, 0]), "单位": rng.choice(["家", "%", "亿元", None]),
                        "责任部门": rng.choice(["市经信局", "发改委", None])}[e])
        split.append(row)
    # 进度 sheet: same or shuffled regions, rows shuffled / missing / extra
    aregions = list(regions)
    if rng.random() < 0.3: rng.shuffle(aregions)
    if rng.random() < 0.15 and len(aregions) > 1: aregions.pop(rng.randrange(len(aregions)))
    if rng.random() < 0.15: aregions.append("新区")
    aextras = [e for e in extras if e == "单位" and rng.random() < 0.5]
    aheader = ["指标名称"] + aregions + ([parent] if has_parent and rng.random() < 0.9 else []) + aextras
    arows = [n for n in names if rng.random() < 0.92]
    if rng.random() < 0.2: arows.append("多出来的指标(个)")
    if rng.random() < 0.5: rng.shuffle(arows)
    actual = [aheader]
    for n in arows:
        shown = n if rng.random() < 0.9 else n.replace("(", "（").replace(")", "）")
        row = [shown] + [value(rng, regions, ACT_TEXTS, 0.8) for _ in aheader[1:len(aheader) - len(aextras)]]
        row += [rng.choice(["%", "家"]) for _ in aextras]
        actual.append(row)
    month = rng.randint(1, 12)
    sheetname = f"进度 2023-{month:02d}" if rng.random() < 0.9 else f"{month}月进度"
    percent = set()
    for r in range(1, len(actual)):
        for c in range(1, len(actual[r])):
            if type(actual[r][c]) is float and actual[r][c] < 1 and rng.random() < 0.5:
                percent.add((r, c))
    transposed = rng.random() < 0.25
    if transposed:
        width = max(map(len, actual))
        actual = [list(col) for col in zip(*(r + [None] * (width - len(r)) for r in actual))]
        percent = {(c, r) for r, c in percent}
    def merges(rows):
        out = []
        if rng.random() < 0.25 and len(rows) > 2:
            for _ in range(rng.randint(1, 3)):
                r = rng.randrange(1, len(rows)); c = rng.randrange(0, len(rows[r]))
                r2 = min(len(rows) - 1, r + rng.randint(0, 1)); c2 = min(len(rows[r]) - 1, c + rng.randint(0, 2))
                if (r2, c2) != (r, c) and not any(not (r2 < a or r > b2 or c2 < b or c > d) for a, b, b2, d in
                                                  [(m[0], m[1], m[2], m[3]) for m in out]):
                    out.append((r, c, r2, c2))
        return out
    grids = [Grid("任务分解", split, merges(split))]
    g = Grid(sheetname, actual, merges(actual), percent_source=(lambda p=percent: p))
    grids.append(g)
    if rng.random() < 0.3:
        settings = [["项目", "值"]]
        if rng.random() < 0.5: settings.append(["赛马计分", rng.choice(["目标完成", "争先进位", "乱写"])])
        if rng.random() < 0.5: settings.append(["亮灯规则", rng.choice(["银川", "严格", "自定义", "标准"])])
        if rng.random() < 0.3: settings.append(["黄灯幅度", rng.choice([5, 20, "x"])])
        if rng.random() < 0.3: settings.append(["序时进度", rng.choice(["30/65/85/100", "按月", "50/100"])])
        grids.append(Grid("设置", settings))
    return Workbook(None, grids)

def digest(seed):
    try:
        r = progress_workbook(book(seed))
        text = r.dumps()
        for stream in (io.StringIO(), io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="surrogatepass")):
            r.write_json(stream)  # the command's way: in runs, bytes straight to a UTF-8 stream's buffer
            stream.flush()
            written = stream.getvalue() if isinstance(stream, io.StringIO) else \
                stream.buffer.getvalue().decode("utf-8", "surrogatepass")
            text += "\0" + written
        extra = repr([(s.position, s.to_json()) for s in r.statuses]) + repr(r.weights) + repr(r.exit_code) + r.headline()
    except ZhibiaoError as exc:
        text, extra = "ERR", str(exc)
    return hashlib.sha256((text + "\0" + extra).encode("utf-8", "surrogatepass")).hexdigest()[:16]

def main() -> int:
    if sys.argv[1] == "--digests":  # the child: one tree on PYTHONPATH
        start, count = int(sys.argv[2]), int(sys.argv[3])
        for s in range(start, start + count):
            print(s, digest(s))
        return 0
    old, new = sys.argv[1], sys.argv[2]
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 2000

    def digests(tree: str) -> list[str]:
        env = dict(os.environ, PYTHONPATH=tree)  # run outside any tree: `python -m` would put the cwd first
        return subprocess.run([sys.executable, str(Path(__file__).resolve()), "--digests", "0", str(count)], env=env,
                              cwd=tempfile.gettempdir(), capture_output=True, text=True, check=True).stdout.splitlines()

    a, b = digests(old), digests(new)
    differ = [x.split()[0] for x, y in zip(a, b) if x != y]
    print(f"{count} workbooks, {len(set(x.split()[1] for x in a))} distinct outputs, {len(differ)} difference(s)"
          + (f": seeds {' '.join(differ[:20])}" if differ else ""))
    return 1 if differ or len(a) != len(b) else 0


if __name__ == "__main__":
    sys.exit(main())
