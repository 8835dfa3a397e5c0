#!/usr/bin/env python3
"""Turns a kehoach corpus (made by gen_corpus.py) into a Hugo site using these templates.
Usage: prepare.py CORPUS_DIR HUGO_SITE_DIR"""
import os, shutil, sys
corpus, out = sys.argv[1], sys.argv[2]
here = os.path.dirname(os.path.abspath(__file__))
shutil.rmtree(out, ignore_errors=True)
shutil.copytree(os.path.join(here, "layouts"), os.path.join(out, "layouts"))
shutil.copy(os.path.join(here, "hugo.toml"), out)
plans = os.path.join(corpus, "content", "plans")
dest = os.path.join(out, "content", "ke-hoach")
os.makedirs(dest)
for year in sorted(os.listdir(plans)):
    for f in sorted(os.listdir(os.path.join(plans, year))):
        shutil.copy(os.path.join(plans, year, f), os.path.join(dest, f))
units = os.path.join(out, "content", "don-vi")
os.makedirs(units)
# units.yaml as written by gen_corpus.py: "- name: …" / "  aliases: […]" / "  collective: true"
cur = None
entries = []
for line in open(os.path.join(corpus, "content", "units.yaml"), encoding="utf-8"):
    if line.startswith("- name: "):
        cur = {"name": line[8:].strip().strip('"'), "aliases": [], "collective": False}
        entries.append(cur)
    elif line.startswith("  aliases: ["):
        cur["aliases"] = [a.strip().strip('"') for a in line.strip()[10:-1].split('", "')]
    elif line.strip() == "collective: true":
        cur["collective"] = True
for i, e in enumerate(x for x in entries if not x["collective"]):
    names = [e["name"]] + e["aliases"]
    with open(os.path.join(units, f"unit-{i:03d}.md"), "w", encoding="utf-8") as f:
        f.write("---\ntitle: \"%s\"\nnames: [%s]\n---\n" % (e["name"], ", ".join('"%s"' % n for n in names)))
