#!/usr/bin/env python3
"""A corpus for judging search relevance, made of the demo's real Vietnamese text.

Usage: corpus.py TASKS_JSON DEMO_CONTENT OUT_DIR PLANS [--seed N]

TASKS_JSON is the `du-lieu/tasks.json` of a build of the demo; DEMO_CONTENT its `content/`
folder. Every plan of OUT_DIR is made of pieces of the five real plans: a task's content is
one or two of their task clauses (a bullet, or a sentence of a task), its units, deadline and
deliverable are spellings the real plans use, its group heading is one of theirs, the plan's
title one of theirs with another commune and year, its prose paragraphs from their prose,
and progress notes are what a commune office writes ("đạt 100%", "kéo dài", "giải ngân").
So the words a citizen searches for appear in task contents, headings, units, deadlines and
titles in the proportions real plans have, with the look-alikes that trouble a search
(đất/đạt, đai/dài). The same arguments always give the same bytes.
"""
import json
import os
import random
import re
import sys

COMMUNES = ["An Thành", "Đại Sơn", "Hưng Đạo", "Tân Hưng", "Hà Bắc", "Hà Nam", "Kiến Thụy", "Thủy Nguyên",
            "Vĩnh Bảo", "Tiên Lãng", "An Lão", "Đồ Sơn", "Cát Hải", "Bạch Đằng", "Lưu Kiếm", "Nam Triệu",
            "Quảng Thanh", "Hòa Bình", "Đông Hải", "Lê Lợi"]
NOTES = [
    "Đã rà soát {n} văn bản, đạt {p}% kế hoạch.",
    "Tỷ lệ giải ngân đạt {p}% kế hoạch vốn được giao.",
    "Đã hoàn thành, kết quả đạt yêu cầu.",
    "Chưa đạt tiến độ do chờ hướng dẫn của cấp trên.",
    "Đề nghị kéo dài thời gian thực hiện đến hết quý sau.",
    "Thời gian giải quyết hồ sơ còn kéo dài ở một số lĩnh vực.",
    "Đã ban hành Kế hoạch số {n}/KH-UBND.",
    "Đang lấy ý kiến các phòng chuyên môn.",
    "Đã tổ chức hội nghị triển khai tới các thôn, tổ dân phố.",
    "Đã báo cáo kết quả về UBND thành phố.",
]
STATUSES = ["not_started", "in_progress", "done", "cancelled"]


def q(s):
    """A YAML double-quoted string."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def clauses(content):
    """A task's content cut into the pieces a new task can be made of: its lines (bullets), and
    the sentences of long ones."""
    out = []
    for line in content.split("\n"):
        line = line.strip().lstrip("-–•+ ").strip()
        if len(line) < 20:
            continue
        parts = [p.strip() for p in re.split(r"(?<=[.;])\s+(?=[A-ZĐÂĂÊÔƠƯ])", line) if len(p.strip()) >= 20]
        out.extend(parts or [line])
    return out


def with_year(phrase, year):
    return re.sub(r"20\d\d", lambda m: str(year + int(m.group(0)) - 2025), phrase)


def main():
    tasks_json, demo, out, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 2026
    r = random.Random(seed)
    tasks = json.load(open(tasks_json, encoding="utf-8"))["tasks"]
    pool = sorted({c for t in tasks for c in clauses(t["content"])})
    groups = sorted({t["group_title"] for t in tasks if t["group_title"]})
    leads = sorted({t["lead"] for t in tasks if t["lead"]})
    supports = sorted({t["support"] for t in tasks if t["support"]})
    dues = sorted({t["due"] for t in tasks})
    outputs = sorted({t["output"] for t in tasks})
    titles = sorted({(t["plan_title"], t["plan_number"]) for t in tasks})
    paragraphs = []
    for root, _, files in os.walk(os.path.join(demo, "plans")):
        for f in sorted(files):
            text = open(os.path.join(root, f), encoding="utf-8").read()
            body = text.split("\n---\n", 1)[1] if "\n---\n" in text else ""
            paragraphs += [p.strip() for p in body.split("\n\n") if len(p.strip()) > 80 and not p.startswith("#")]
    paragraphs.sort()
    os.makedirs(f"{out}/content/plans", exist_ok=True)
    with open(f"{out}/site.toml", "w", encoding="utf-8") as f:
        f.write('title = "Kế hoạch của UBND các xã, phường (bộ dữ liệu đánh giá tìm kiếm)"\n'
                'commune = "Các xã, phường"\nprovince = "thành phố Hải Phòng"\n')
    units = open(os.path.join(demo, "units.yaml"), encoding="utf-8").read()
    with open(f"{out}/content/units.yaml", "w", encoding="utf-8") as f:
        f.write(units)
    taken = set()
    for i in range(n):
        year = 2023 + i % 5
        commune = COMMUNES[i % len(COMMUNES)]
        title, number = r.choice(titles)
        title = with_year(title, year)
        for c in COMMUNES[:5]:
            title = title.replace(c, commune)
        code = number.split("/", 1)[1] if "/" in number else "KH-UBND"
        # A plan is in the site once (`check` refuses a second file with the same number,
        # issuer and year, or the same title, issuer and day): a number or day drawn twice
        # moves on to the next free one, drawing nothing more (the rest of the corpus stays).
        num, month, day = r.randint(1, 400), r.randint(1, 12), r.randint(1, 28)
        while (commune, year, num, code) in taken:
            num += 1
        while (commune, title, year, month, day) in taken:
            month, day = (month, day + 1) if day < 28 else (month % 12 + 1, 1)
        taken.update([(commune, year, num, code), (commune, title, year, month, day)])
        lines = ["---", f"number: {q(f'{num}/{code}')}", f"title: {q(title)}",
                 f"issuer: {q('UBND xã ' + commune)}", f"place: {q(commune)}",
                 f"date: {year}-{month:02d}-{day:02d}", "tasks:"]
        n_groups = r.randint(2, 7)
        for _ in range(n_groups):
            lines.append(f"  - group: {q(r.choice(groups))}")
            lines.append("    tasks:")
            for _ in range(r.randint(3, 9)):
                content = r.choice(pool)
                if r.random() < 0.3:
                    content += "\n- " + r.choice(pool)
                lines.append(f"      - content: {q(content)}")
                lines.append(f"        lead: {q(r.choice(leads))}")
                if r.random() < 0.6:
                    lines.append(f"        support: {q(r.choice(supports))}")
                due = with_year(r.choice(dues), year)
                if due:
                    lines.append(f"        due: {q(due)}")
                output = r.choice(outputs)
                if output:
                    lines.append(f"        output: {q(output)}")
                if r.random() < 0.3:
                    note = r.choice(NOTES).format(n=r.randint(2, 120), p=r.randint(30, 100))
                    st = r.choice(STATUSES)
                    lines.append("        updates:")
                    lines.append(f"          - {{ date: {year}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}, status: {st}, note: {q(note)} }}")
        lines.append("---")
        body = "\n\n".join(r.sample(paragraphs, min(len(paragraphs), r.randint(3, 8))))
        os.makedirs(f"{out}/content/plans/{year}", exist_ok=True)
        name = f"{i + 1:05d}-" + re.sub(r"[^a-z0-9]+", "-", commune.lower().encode("ascii", "ignore").decode()).strip("-")
        with open(f"{out}/content/plans/{year}/{name}.md", "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n" + body + "\n")


if __name__ == "__main__":
    main()
