#!/usr/bin/env python3
"""A deterministic corpus of plans in kehoach's format, for benchmarks.

Usage: gen_corpus.py OUT_DIR PLANS [--seed N] [--long]

Writes OUT_DIR/site.toml, OUT_DIR/content/units.yaml (48 units with aliases, a few
collective phrases) and OUT_DIR/content/plans/<year>/<commune>-<n>.md: 3–9 groups and 20–60
tasks per plan, Vietnamese task sentences, leads given as "A; B" now and then, every deadline
family of the spec, progress updates on about a third of the tasks, 2–6 KB of prose.
With --long, another shape: 162 units (the commune-level ones of six communes, each its own
unit) and tasks of three sentences, for the memory bound on any corpus shape.
The same arguments always give the same bytes.
"""
import os
import random
import sys

VERBS = ["Rà soát", "Triển khai", "Tổ chức", "Xây dựng", "Hoàn thiện", "Tham mưu", "Kiểm tra, đôn đốc",
         "Tuyên truyền", "Đánh giá", "Cập nhật", "Báo cáo", "Số hóa", "Chuẩn hóa", "Phối hợp thực hiện"]
OBJECTS = ["các văn bản quy phạm pháp luật về phân cấp, phân quyền", "thủ tục hành chính thuộc thẩm quyền giải quyết của xã",
           "hồ sơ địa chính và cơ sở dữ liệu đất đai", "kế hoạch sử dụng đất cấp xã", "quy hoạch chung xây dựng xã",
           "đề án vị trí việc làm của các cơ quan chuyên môn", "dịch vụ công trực tuyến toàn trình",
           "hệ thống thông tin giải quyết thủ tục hành chính", "chỉ số cải cách hành chính", "Tổ công nghệ số cộng đồng",
           "nguồn kinh phí thực hiện chế độ, chính sách", "cơ sở dữ liệu dân cư phục vụ Đề án 06",
           "công tác tiếp công dân, giải quyết khiếu nại, tố cáo", "mô hình chính quyền địa phương 02 cấp",
           "an toàn thông tin mạng trong cơ quan nhà nước", "trụ sở làm việc sau sắp xếp đơn vị hành chính"]
TAILS = ["trên địa bàn xã", "theo quy định", "bảo đảm đúng tiến độ", "đáp ứng yêu cầu của người dân, doanh nghiệp",
         "theo hướng dẫn của thành phố", "", "", "nhằm nâng cao hiệu lực, hiệu quả quản lý nhà nước"]
GROUPS = ["Về thể chế", "Về cải cách thủ tục hành chính", "Về tổ chức bộ máy", "Về quản lý đất đai",
          "Về quy hoạch đô thị", "Về tài chính, ngân sách", "Về chuyển đổi số", "Về truyền thông", "Về an ninh, an toàn thông tin",
          "Cải cách công vụ", "Chính quyền điện tử"]
TOPICS = ["Chính quyền địa phương 02 cấp", "Cải cách hành chính", "Chuyển đổi số", "Thủ tục hành chính",
          "Tổ chức bộ máy", "Đất đai, quy hoạch", "Tổng kết, sơ kết", "Y tế", "Giáo dục", "An sinh xã hội"]
OUTPUTS = ["Báo cáo", "Kế hoạch", "Quyết định của UBND xã", "Văn bản hướng dẫn", "Báo cáo kết quả", ""]
UNIT_BASES = [
    ("Văn phòng HĐND và UBND xã", ["Văn phòng HĐND&UBND xã", "Văn phòng HĐND-UBND xã"]),
    ("Phòng Văn hóa - Xã hội", ["Phòng VHXH", "Phòng Văn hoá- Xã hội", "Phòng VHXB"]),
    ("Phòng Kinh tế", ["Phòng Kinh tế xã", "Phòng kinh tế"]),
    ("Trung tâm Phục vụ hành chính công", ["Trung tâm PVHCC", "Trung tâm Phục vụ HCC xã"]),
    ("Công an xã", ["Công an xã"]), ("Trạm Y tế xã", ["Trạm y tế xã"]),
    ("Trung tâm Văn hóa, Thể thao và Truyền thông xã", ["Trung tâm VH-TT&TT xã"]),
    ("Ban Chỉ huy Quân sự xã", ["BCH Quân sự xã"]),
]
SO = ["Sở Nội vụ", "Sở Tài chính", "Sở Xây dựng", "Sở Nông nghiệp và Môi trường", "Sở Khoa học và Công nghệ",
      "Sở Y tế", "Sở Giáo dục và Đào tạo", "Sở Văn hóa, Thể thao và Du lịch", "Sở Tư pháp", "Sở Công Thương",
      "Thanh tra thành phố", "Văn phòng UBND thành phố", "Công an thành phố", "Sở Dân tộc và Tôn giáo",
      "Sở Ngoại vụ", "Ban Quản lý các khu công nghiệp"]
COMMUNES = ["An Thành", "Đại Sơn", "Hưng Đạo", "Tân Hưng", "Hà Bắc", "Hà Nam", "Kiến Thụy", "Thủy Nguyên", "Vĩnh Bảo",
            "Tiên Lãng", "An Lão", "Đồ Sơn", "Cát Hải", "Bạch Đằng", "Lưu Kiếm", "Nam Triệu", "Quảng Thanh", "Hòa Bình"]
COLLECTIVE = ["Các cơ quan, đơn vị liên quan", "Các phòng chuyên môn có liên quan", "Các phòng, cơ quan liên quan"]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI"]
STATUSES = ["not_started", "in_progress", "done", "cancelled"]


def deadline(r, year):
    m = r.randint(1, 12)
    q = ["I", "II", "III", "IV"]
    family = r.randrange(14)
    return [
        lambda: f"Tháng {m}/{year}",
        lambda: f"Quý {r.choice(q)}/{year}",
        lambda: f"Quý III-IV/{year}",
        lambda: f"6 tháng cuối năm {year}",
        lambda: f"Năm {year + 1}",
        lambda: f"Cả năm {year}",
        lambda: f"trước ngày {r.randint(1, 28)}/{m}/{year}",
        lambda: f"chậm nhất 15 giờ, ngày {r.randint(1, 28):02d}/{m}/{year}",
        lambda: "Thường xuyên",
        lambda: "Trước ngày 10 của tháng cuối quý",
        lambda: "Sau khi có hướng dẫn của Bộ Nông nghiệp và Môi trường",
        lambda: f"Tháng 12/{year} (Sau khi có quy định của Chính phủ, hướng dẫn của Bộ Nội vụ)",
        lambda: f"từ tháng 3 đến tháng 6/{year + 1}",
        lambda: "",
    ][family]()


def q(s):
    """A YAML double-quoted string."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main():
    out, n = sys.argv[1], int(sys.argv[2])
    seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 2025
    r = random.Random(seed)
    units = []
    for name, aliases in UNIT_BASES:
        units.append((name, aliases))
    for s in SO:
        units.append((s, [s + " thành phố"]))
    # 48 units in all: add commune-level units of several communes.
    extra = ["Ban Tiếp công dân xã", "Tổ công nghệ số cộng đồng", "Hội Nông dân xã", "Hội Liên hiệp Phụ nữ xã",
             "Đoàn Thanh niên xã", "Hội Cựu chiến binh xã", "Ủy ban MTTQ Việt Nam xã", "Ban Quản lý dự án xã",
             "Trường Trung học cơ sở", "Trường Tiểu học", "Trường Mầm non", "Hợp tác xã Nông nghiệp",
             "Ban Thanh tra nhân dân xã", "Quỹ Tín dụng nhân dân xã", "Bưu điện văn hóa xã", "Điện lực khu vực",
             "Chi cục Thuế khu vực", "Kho bạc Nhà nước khu vực", "Bảo hiểm xã hội khu vực", "Đội Quản lý thị trường",
             "Hạt Kiểm lâm", "Trung tâm Y tế khu vực", "Phòng Giao dịch Ngân hàng Chính sách xã hội", "Đồn Biên phòng"]
    long = "--long" in sys.argv
    for e in extra:
        units.append((e, []))
    if long:
        # Each commune's own units: 24 × 5 more, 162 in all.
        for c in COMMUNES[:5]:
            for e in extra:
                units.append((f"{e} {c}", []))
    os.makedirs(f"{out}/content/plans", exist_ok=True)
    with open(f"{out}/site.toml", "w") as f:
        f.write('title = "Kế hoạch của UBND các xã, phường (bộ dữ liệu đo)"\ncommune = "Các xã, phường"\nprovince = "thành phố Hải Phòng"\n')
    with open(f"{out}/content/units.yaml", "w") as f:
        for name, aliases in units:
            f.write(f"- name: {q(name)}\n")
            if aliases:
                f.write("  aliases: [" + ", ".join(q(a) for a in aliases) + "]\n")
            f.write("  group: " + q("Sở, ngành thành phố" if name.startswith("Sở") else "Cơ quan, đơn vị cấp xã") + "\n")
        for c in COLLECTIVE:
            f.write(f"- name: {q(c)}\n  collective: true\n")
    spellings = [a for name, aliases in units for a in [name] + aliases]
    seen = set()
    for i in range(n):
        year = 2020 + (i * 7) % 10
        commune = COMMUNES[i % len(COMMUNES)]
        groups = r.randint(3, 9)
        total = r.randint(20, 60)
        per = [total // groups + (1 if g < total % groups else 0) for g in range(groups)]
        title = f'Kế hoạch {r.choice(VERBS).lower()} {r.choice(OBJECTS)} năm {year}'
        date = f"{year}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}"
        # `check` refuses two plans of one issuer with the same title and date.
        while (title, commune, date) in seen:
            title += " (đợt 2)"
        seen.add((title, commune, date))
        lines = ["---", f"number: {q(f'{i + 1}/KH-UBND')}", f"title: {q(title)}",
                 f"issuer: {q('UBND xã ' + commune)}", f"place: {q(commune)}", f"date: {date}",
                 "basis:", f"  - {q(f'Căn cứ Kế hoạch số {r.randint(10, 400)}/KH-UBND ngày {r.randint(1, 28)}/{r.randint(1, 12)}/{year} của UBND thành phố Hải Phòng')}",
                 "signer: { on_behalf: TM. ỦY BAN NHÂN DÂN, authority: KT. CHỦ TỊCH, title: PHÓ CHỦ TỊCH, name: Nguyễn Văn An }",
                 "recipients: [UBND thành phố, Sở Nội vụ, \"Lưu: VT\"]",
                 "topics: [" + ", ".join(q(t) for t in r.sample(TOPICS, r.randint(1, 3))) + "]", "tasks:"]
        for g in range(groups):
            lines.append(f"  - group: {q(GROUPS[(g + i) % len(GROUPS)])}")
            lines.append("    tasks:")
            for t in range(per[g]):
                content = f"{r.choice(VERBS)} {r.choice(OBJECTS)} {r.choice(TAILS)}".strip() + "."
                if long:
                    content += "".join(f" {r.choice(VERBS)} {r.choice(OBJECTS)} {r.choice(TAILS)}".rstrip() + "; bảo đảm chất lượng, hiệu quả, đúng quy định." for _ in range(2))
                lead = r.choice(spellings)
                if r.random() < 0.15:
                    lead = lead + "; " + r.choice(spellings)
                lines.append(f"      - content: {q(content)}")
                lines.append(f"        lead: {q(lead)}")
                if r.random() < 0.8:
                    lines.append(f"        support: {q(r.choice(COLLECTIVE + spellings))}")
                d = deadline(r, year)
                if d:
                    lines.append(f"        due: {q(d)}")
                o = r.choice(OUTPUTS)
                if o:
                    lines.append(f"        output: {q(o)}")
                if r.random() < 0.33:
                    lines.append("        updates:")
                    days = sorted((r.randint(1, 12), r.randint(1, 28)) for _ in range(r.randint(1, 3)))
                    for (um, ud) in days:
                        st = r.choice(STATUSES)
                        # Reported by the benchmarks' day (2026-01-15) at the latest: `check`
                        # refuses an update dated after the build's day.
                        lines.append(f"          - {{ date: {min(year, 2025)}-{um:02d}-{ud:02d}, status: {st}, note: {q('Đã ' + r.choice(VERBS).lower() + ' ' + r.choice(OBJECTS) + '.')} }}")
        lines.append("---")
        prose = ["## I. MỤC ĐÍCH, YÊU CẦU", "", "### 1. Mục đích", ""]
        size = r.randint(2000, 6000)
        body = 0
        k = 0
        while body < size:
            k += 1
            para = f"{chr(96 + (k % 26) + 1)}) " + " ".join(f"{r.choice(VERBS)} {r.choice(OBJECTS)} {r.choice(TAILS)}".strip() + "," for _ in range(r.randint(2, 5))) + " bảo đảm hiệu quả."
            prose += [para, ""]
            body += len(para.encode())
            if k % 6 == 0:
                prose += [f"## {ROMAN[min(k // 6, 10)]}. NỘI DUNG", ""]
        os.makedirs(f"{out}/content/plans/{year}", exist_ok=True)
        with open(f"{out}/content/plans/{year}/{i + 1:05d}-{commune.lower().replace(' ', '-')}.md", "w") as f:
            f.write("\n".join(lines) + "\n" + "\n".join(prose) + "\n")


if __name__ == "__main__":
    main()
