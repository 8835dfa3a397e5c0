// kehoach search: the browser half of src/search. No framework, nothing from another host.
// The index (tim-kiem/chi-muc/) is made of classic scripts `__khSearch(name, data)`, loaded with
// <script src> so that search works from file:// too; a query loads only the shards it needs.
// The same file runs under node (module.exports) for the parity test and the benchmark.
(function (global) {
  "use strict";

  // ---- Words: the same steps as src/search/analyze.rs --------------------------------------
  var TONE = /[\u0300\u0301\u0303\u0309\u0323]/;
  var TONES = /[\u0300\u0301\u0303\u0309\u0323]/g;
  var MARK = /\p{M}/u;
  var WORD = /[\p{Alphabetic}\p{N}\p{M}]/u;

  // [{e: exact form, f: folded form}] of the words of `text`.
  function words(text) {
    var out = [], letters = "", tones = [];
    function flush() {
      if (!letters && !tones.length) return;
      tones.sort();
      var e = (letters + tones.join("")).normalize("NFC"), f = "";
      for (var ch of letters) if (!MARK.test(ch)) f += ch === "đ" ? "d" : ch;
      if (f) out.push({ e: e, f: f });
      letters = "";
      tones = [];
    }
    for (var c of String(text).normalize("NFD")) {
      for (var l of c.toLowerCase()) {
        if (TONE.test(l)) tones.push(l);
        else if (WORD.test(l)) letters += l;
        else flush();
      }
    }
    flush();
    return out;
  }

  function toneless(e) {
    return e.normalize("NFD").replace(TONES, "").normalize("NFC");
  }

  // Abbreviations both ways, as Expansions in analyze.rs: `pairs` = [[short, long]].
  function Expansions(pairs) {
    this.byFirst = new Map();
    this.pairs = [];
    var seen = new Set();
    for (var p of pairs) {
      var s = words(p[0]), l = words(p[1]);
      var sf = s.map(function (w) { return w.f; }), lf = l.map(function (w) { return w.f; });
      if (!sf.length || !lf.length || sf.join(" ") === lf.join(" ")) continue;
      var k = p[0] + "\u0000" + p[1];
      if (seen.has(k)) continue;
      seen.add(k);
      this.pairs.push([sf, lf]);
      for (var side of [[sf, l], [lf, s]]) {
        var list = this.byFirst.get(side[0][0]) || [];
        list.push({ from: side[0], to: side[1] });
        this.byFirst.set(side[0][0], list);
      }
    }
  }
  // Calls emit(words to add) for each side found in `ws`.
  Expansions.prototype.each = function (ws, emit) {
    for (var i = 0; i < ws.length; i++) {
      var cands = this.byFirst.get(ws[i].f);
      if (!cands) continue;
      for (var c of cands) {
        var n = c.from.length;
        if (i + n > ws.length) continue;
        var ok = true;
        for (var k = 0; k < n && ok; k++) ok = ws[i + k].f === c.from[k];
        if (ok) emit(c.to);
      }
    }
  };

  // The exact forms a record is found by for `text` (analyze() in analyze.rs).
  function analyze(text, exp) {
    var ws = words(text);
    var out = ws.map(function (w) { return w.e; });
    exp.each(ws, function (add) { for (var w of add) out.push(w.e); });
    return out;
  }

  // ---- Integers in strings: src/search/encode.rs -------------------------------------------
  var ALPHA = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var VAL = new Int8Array(128);
  for (var a = 0; a < 64; a++) VAL[ALPHA.charCodeAt(a)] = a;

  function Reader(s, at) { this.s = s; this.i = at || 0; }
  Reader.prototype.more = function () { return this.i < this.s.length; };
  Reader.prototype.next = function () {
    var acc = 0, shift = 0, v;
    do {
      v = VAL[this.s.charCodeAt(this.i++)];
      acc += (v & 31) * Math.pow(2, shift);
      shift += 5;
    } while (v & 32);
    return acc;
  };

  // Calls f(id) for every id of an ids-only posting (forms I, R, B).
  function eachId(p, f) {
    var r = new Reader(p, 1), id = -1;
    if (p[0] === "I") {
      while (r.more()) { id += r.next() + 1; f(id); }
    } else if (p[0] === "R") {
      var next = 0;
      while (r.more()) {
        var start = next + r.next(), len = r.more() ? r.next() : 0;
        for (var k = start; k < start + len; k++) f(k);
        next = start + len;
      }
    } else if (p[0] === "B") {
      for (var c = 1; c < p.length; c++) {
        var v = VAL[p.charCodeAt(c)];
        for (var b = 0; b < 6; b++) if (v & (1 << b)) f((c - 1) * 6 + b);
      }
    }
  }

  // A record's facet code from a reader: {s, y, u: [units]}.
  function readCode(r) {
    var s = r.next(), y = r.next(), n = r.next(), u = [];
    for (var k = 0; k < n; k++) u.push(r.next());
    return { s: s, y: y, u: u };
  }

  // The file name part of a shard prefix (file_part in mod.rs).
  function part(prefix) {
    return prefix === "" ? "-" : prefix.replace(/ /g, "_");
  }
  // The longest prefix of `key` in the set `shards`.
  function shardOf(key, shards) {
    var chars = Array.from(key);
    for (var n = chars.length; n > 0; n--) {
      var p = chars.slice(0, n).join("");
      if (shards.has(p)) return p;
    }
    return "";
  }

  // ---- The query engine --------------------------------------------------------------------
  // `load(name)` returns a promise of the data of the index file `name` (e.g. "d/th").
  function Engine(load) {
    this.load = load;
    this.cache = new Map();
  }
  Engine.prototype.get = function (name) {
    var p = this.cache.get(name);
    if (!p) {
      p = this.load(name);
      this.cache.set(name, p);
    }
    return p;
  };
  Engine.prototype.meta = function () {
    var self = this;
    if (!this.metaP) {
      this.metaP = this.get("meta").then(function (m) {
        m.dSet = new Set(m.d);
        m.bSet = new Set(m.b);
        m.exp = new Expansions(m.abbr);
        self.m = m;
        return m;
      });
    }
    return this.metaP;
  };

  // The sources of one query word: spellings of the word itself and, for the word being
  // typed, of its most frequent completions.
  Engine.prototype.lookup = async function (w, prefix) {
    var m = this.m, key = w.f;
    var names = [shardOf(key, m.dSet)];
    if (prefix && key.length >= 2) {
      for (var d of m.d) if (d.length > key.length && d.startsWith(key)) names.push(d);
    }
    var self = this;
    var shards = await Promise.all(names.map(function (n) { return self.get("d/" + part(n)); }));
    var out = [], te = toneless(w.e);
    function add(shard, k, entry, completion) {
      for (var sp of entry) {
        var q = completion ? 1 : sp[0] === w.e ? 4 : toneless(sp[0]) === te ? 3 : 2;
        out.push({ e: sp[0], n: sp[1], where: sp[2], shard: shard, q: q });
      }
    }
    var own = shards[0][key];
    if (own) add(names[0], key, own, false);
    if (prefix && key.length >= 2) {
      var comps = [];
      shards.forEach(function (s, i) {
        for (var k in s) {
          if (k !== key && k.startsWith(key)) {
            var total = s[k].reduce(function (t, sp) { return t + sp[1]; }, 0);
            comps.push({ k: k, total: total, entry: s[k], shard: names[i] });
          }
        }
      });
      comps.sort(function (a, b) { return b.total - a.total || (a.k < b.k ? -1 : 1); });
      for (var c of comps.slice(0, 3)) add(c.shard, c.k, c.entry, true);
    }
    return out;
  };

  Engine.prototype.posting = async function (src) {
    if (typeof src.where === "string") return { p: src.where };
    return this.get("p/" + part(src.shard) + "." + src.where);
  };

  // Ids of the records where `a b` are adjacent, or null.
  Engine.prototype.pair = async function (a, b) {
    var key = a + " " + b, sh = shardOf(key, this.m.bSet);
    var dict = await this.get("b/" + part(sh));
    var v = dict[key];
    if (v === undefined) return null;
    if (typeof v === "number") v = await this.get("q/" + part(sh) + "." + v);
    return v;
  };

  // Searches. `filters`: {u: unit index, s: state (1-5, or "overdue"), y: year index + 1}, each
  // optional. Returns {ids (ranked), full (how many match every word), counts, words, n}.
  Engine.prototype.search = async function (q, filters) {
    filters = filters || {};
    var ws = words(q);
    var m = await this.meta();
    var empty = { ids: [], full: 0, counts: null, words: ws, prefix: false };
    if (!ws.length) return empty;
    var prefix = /[\p{Alphabetic}\p{N}\p{M}]$/u.test(q.normalize("NFC"));
    var self = this, n = ws.length, N = m.n;
    var sources = await Promise.all(ws.map(function (w, i) { return self.lookup(w, prefix && i === n - 1); }));
    var postings = await Promise.all(sources.map(function (list) {
      return Promise.all(list.map(function (s) { return self.posting(s); }));
    }));
    var pairs = await Promise.all(ws.slice(1).map(function (w, i) { return self.pair(ws[i].f, w.f); }));

    var qual = ws.map(function () { return new Uint8Array(N); });
    var seen = new Uint8Array(N), touched = [];
    var codes = new Array(N);
    var denseOnly = [];
    sources.forEach(function (list, i) {
      list.forEach(function (src, j) {
        var post = postings[i][j], p = post.p, qi = qual[i], q = src.q;
        var mark = function (id) {
          if (qi[id] < q) qi[id] = q;
          if (!seen[id]) { seen[id] = 1; touched.push(id); }
        };
        if (p[0] === "L") {
          var r = new Reader(p, 1), id = -1;
          while (r.more()) {
            id += r.next() + 1;
            var c = readCode(r);
            if (!codes[id]) codes[id] = c;
            mark(id);
          }
        } else {
          eachId(p, mark);
          src.dense = post;
          denseOnly.push({ i: i, src: src });
        }
      });
    });
    var phrase = new Uint8Array(N);
    for (var pp of pairs) if (pp) eachId(pp, function (id) { phrase[id]++; });

    var full = [], partial = [];
    for (var id of touched) {
      var matched = 0, sum = 0;
      for (var i = 0; i < n; i++) if (qual[i][id]) { matched++; sum += qual[i][id]; }
      var rec = { id: id, score: matched * 1e6 + phrase[id] * 1e4 + sum * 100 };
      if (matched === n) full.push(rec);
      else partial.push(rec);
    }
    var filtering = filters.u != null || filters.s != null || filters.y != null;
    var counts = null;
    // One dense word alone: its histogram is the count, no codes needed unless filtering.
    var single = n === 1 && sources[0].length === 1 && sources[0][0].dense;
    if (single && !filtering) {
      counts = histogram(sources[0][0].dense.h);
    } else if (full.some(function (r) { return !codes[r.id]; })) {
      // Codes of the full matches: from the dense spellings of the rarest word.
      var best = -1, bestN = Infinity;
      for (var w = 0; w < n; w++) {
        var dn = 0;
        for (var d of denseOnly) if (d.i === w) dn += d.src.n;
        if (dn > 0 && dn < bestN) { bestN = dn; best = w; }
      }
      var fetches = denseOnly.filter(function (d) { return d.i === best; });
      var cs = await Promise.all(fetches.map(function (d) {
        return self.get("c/" + part(d.src.shard) + "." + d.src.where);
      }));
      fetches.forEach(function (d, k) {
        var r = new Reader(cs[k], 0);
        eachId(d.src.dense.p, function (id) {
          var c = readCode(r);
          if (!codes[id]) codes[id] = c;
        });
      });
    }
    partial = partial.filter(function (r) { return codes[r.id]; });
    var byScore = function (a, b) { return b.score - a.score || a.id - b.id; };
    full.sort(byScore);
    partial.sort(byScore);
    var all = full.concat(partial);
    var pass = function (c, except) {
      if (except !== "u" && filters.u != null && c.u.indexOf(filters.u) < 0) return false;
      if (except !== "s" && filters.s != null && (filters.s === "overdue" ? !(c.s & 8) : (c.s & 7) !== filters.s)) return false;
      if (except !== "y" && filters.y != null && c.y !== filters.y) return false;
      return true;
    };
    if (!counts) {
      counts = { s: new Array(16).fill(0), y: [], u: new Map() };
      for (var r2 of all) {
        var c2 = codes[r2.id];
        if (!c2) continue;
        if (pass(c2, "s")) counts.s[c2.s]++;
        if (pass(c2, "y")) counts.y[c2.y] = (counts.y[c2.y] || 0) + 1;
        if (pass(c2, "u")) for (var u of c2.u) counts.u.set(u, (counts.u.get(u) || 0) + 1);
      }
    }
    var ids = [], nfull = 0;
    for (var r3 of all) {
      if (filtering && !(codes[r3.id] && pass(codes[r3.id]))) continue;
      ids.push(r3.id);
      if (r3.score >= n * 1e6) nfull++;
    }
    return { ids: ids, full: nfull, counts: counts, words: ws, prefix: prefix };
  };

  function histogram(h) {
    var u = new Map();
    for (var pair of h[2]) u.set(pair[0], pair[1]);
    var y = [];
    h[1].forEach(function (c, i) { y[i] = c; });
    return { s: h[0].slice(), y: y, u: u };
  }

  // The shown data of records `ids`, in order: [kind, text, href, s, due, plan, lead, support, percent].
  Engine.prototype.records = async function (ids) {
    var m = await this.meta(), self = this;
    var chunks = await Promise.all(ids.map(function (id) { return self.get("r/" + Math.floor(id / m.chunk)); }));
    return ids.map(function (id, k) { return chunks[k][id % m.chunk]; });
  };

  // Folded words to highlight for a query: its words and the other side of its abbreviations.
  Engine.prototype.highlights = function (ws) {
    var set = new Set(ws.map(function (w) { return w.f; }));
    var fs = ws.map(function (w) { return w.f; }).join(" ") + " ";
    for (var pr of this.m ? this.m.exp.pairs : []) {
      for (var side of [[pr[0], pr[1]], [pr[1], pr[0]]]) {
        if ((" " + fs).indexOf(" " + side[0].join(" ") + " ") >= 0) side[1].forEach(function (f) { set.add(f); });
      }
    }
    return set;
  };

  var api = { words: words, toneless: toneless, Expansions: Expansions, analyze: analyze, Engine: Engine, eachId: eachId };
  if (typeof module === "object" && module.exports) {
    module.exports = api;
    return;
  }
  global.KH = api;

  // ---- The search page ---------------------------------------------------------------------
  var app = document.getElementById("tim-kiem-ung-dung");
  if (!app) return;
  var base = app.getAttribute("data-index"), root = app.getAttribute("data-root") || "";
  var pending = new Map();
  global.__khSearch = function (name, data) {
    var p = pending.get(name);
    if (p) { pending.delete(name); p(data); }
  };
  var engine = new Engine(function (name) {
    return new Promise(function (resolve, reject) {
      pending.set(name, resolve);
      var s = document.createElement("script");
      s.src = base + name + ".js";
      s.onload = function () { s.remove(); };
      s.onerror = function () { pending.delete(name); s.remove(); reject(new Error("không tải được " + name)); };
      document.head.appendChild(s);
    });
  });

  var form = document.getElementById("tim-form"), input = document.getElementById("q");
  var status = document.getElementById("tim-trang-thai"), list = document.getElementById("tim-ket-qua");
  var facetsBox = document.getElementById("tim-bo-loc"), more = document.getElementById("tim-them");
  document.getElementById("tim-khong-js").hidden = true;
  app.hidden = false;

  var params = new URLSearchParams(location.search);
  var filters = {}, shown = 0, current = null, seq = 0, timer = 0;
  input.value = params.get("q") || "";

  function esc(s) {
    return String(s).replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; });
  }
  function mark(text, hl, pre) {
    var out = "", last = 0, re = /[\p{Alphabetic}\p{N}\p{M}]+/gu, mt;
    while ((mt = re.exec(text))) {
      var w = words(mt[0])[0];
      if (w && (hl.has(w.f) || (pre && w.f.startsWith(pre)))) {
        out += esc(text.slice(last, mt.index)) + "<mark>" + esc(mt[0]) + "</mark>";
        last = mt.index + mt[0].length;
      }
    }
    return out + esc(text.slice(last));
  }
  function stateOf(s) {
    return s ? engine.m.states[(s & 7) - 1] : null;
  }
  function unitNames(list) {
    return list.map(function (u) { return typeof u === "number" ? engine.m.units[u][0] : u; }).join("; ");
  }

  function toURL() {
    var p = new URLSearchParams();
    if (input.value.trim()) p.set("q", input.value.trim());
    var m = engine.m;
    if (m && filters.u != null) p.set("don-vi", m.units[filters.u][2] || "");
    if (m && filters.s != null) p.set("tinh-trang", filters.s === "overdue" ? "qua-han" : m.states[filters.s - 1][2]);
    if (m && filters.y != null) p.set("nam", String(m.years[filters.y - 1]));
    var qs = p.toString();
    try { history.replaceState(null, "", qs ? "?" + qs : location.pathname); } catch (e) { /* file:// in some browsers */ }
  }
  function fromURL(m) {
    var u = params.get("don-vi"), s = params.get("tinh-trang"), y = params.get("nam");
    m.units.forEach(function (x, i) { if (u && x[2] === u) filters.u = i; });
    if (s === "qua-han") filters.s = "overdue";
    m.states.forEach(function (x, i) { if (s && x[2] === s) filters.s = i + 1; });
    m.years.forEach(function (x, i) { if (y && String(x) === y) filters.y = i + 1; });
  }

  function facetGroup(title, items, key) {
    var live = items.filter(function (it) { return it.count > 0 || filters[key] === it.value; });
    if (!live.length) return "";
    var h = '<section class="facet"><h2>' + esc(title) + "</h2><ul>";
    for (var it of live) {
      var on = filters[key] === it.value;
      h += '<li><button type="button" data-k="' + key + '" data-v="' + esc(String(it.value)) + '" aria-pressed="' + on + '">' +
        esc(it.label) + ' <span class="count">' + it.count + "</span></button></li>";
    }
    return h + "</ul></section>";
  }
  function renderFacets(counts) {
    var m = engine.m, h = "";
    var st = m.states.map(function (x, i) {
      var c = 0;
      counts.s.forEach(function (n, s) { if (s && (s & 7) === i + 1) c += n || 0; });
      return { label: x[1], value: i + 1, count: c };
    });
    var od = 0;
    counts.s.forEach(function (n, s) { if (s & 8) od += n || 0; });
    st.push({ label: "Quá hạn", value: "overdue", count: od });
    h += facetGroup("Tình trạng", st, "s");
    var us = [];
    counts.u.forEach(function (c, u) { if (m.units[u] && m.units[u][2]) us.push({ label: m.units[u][0], value: u, count: c }); });
    us.sort(function (a, b) { return b.count - a.count || a.label.localeCompare(b.label, "vi"); });
    h += facetGroup("Đơn vị chủ trì hoặc phối hợp", us.slice(0, 20), "u");
    var ys = m.years.map(function (y, i) { return { label: "Năm " + y, value: i + 1, count: counts.y[i + 1] || 0 }; });
    h += facetGroup("Thời hạn", ys, "y");
    facetsBox.innerHTML = h;
  }

  async function showMore() {
    var res = current, ids = res.ids.slice(shown, shown + 10);
    var recs = await engine.records(ids);
    if (res !== current) return;
    var hl = engine.highlights(res.words), pre = res.prefix ? res.words[res.words.length - 1].f : "";
    var html = "";
    recs.forEach(function (r) {
      var st = stateOf(r[3]);
      var meta = r[0] === 1
        ? "Kế hoạch · " + esc(r[5]) + (r[4] ? " · " + esc(r[4]) : "") + (r[6] ? " · " + esc(r[6]) : "")
        : '<span class="badge s-' + st[0] + '">' + esc(st[1]) + (r[8] && st[0] === "in_progress" ? " " + r[8] + "%" : "") + "</span>" +
          (r[3] & 8 ? ' <span class="badge s-overdue">Quá hạn</span>' : "") +
          " · Thời hạn: " + (r[4] ? esc(r[4]) : "không ghi") +
          (r[6].length ? " · Chủ trì: " + mark(unitNames(r[6]), hl, pre) : "") +
          " · " + esc(r[5]);
      var text = r[1].length > 400 ? r[1].slice(0, 400) + "…" : r[1];
      html += '<li class="result"><a href="' + esc(root + r[2]) + '">' + mark(text, hl, pre) + '</a><p class="result-meta">' + meta + "</p></li>";
    });
    list.insertAdjacentHTML("beforeend", html);
    shown += ids.length;
    more.hidden = shown >= res.ids.length;
  }

  async function run() {
    var my = ++seq, q = input.value;
    toURL();
    if (!q.trim()) {
      current = null;
      list.innerHTML = "";
      facetsBox.innerHTML = "";
      more.hidden = true;
      status.textContent = "Nhập từ khóa để tìm.";
      return;
    }
    var res;
    try {
      res = await engine.search(q, filters);
    } catch (e) {
      status.textContent = "Không tải được chỉ mục tìm kiếm: " + e.message;
      return;
    }
    if (my !== seq) return;
    current = res;
    shown = 0;
    list.innerHTML = "";
    renderFacets(res.counts);
    await showMore();
    if (my !== seq) return;
    status.textContent = res.ids.length
      ? "Tìm thấy " + res.ids.length + " kết quả cho “" + q.trim() + "”" + (res.full < res.ids.length ? " (" + res.full + " kết quả có đủ các từ)" : "") + "."
      : "Không tìm thấy kết quả nào cho “" + q.trim() + "”.";
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    clearTimeout(timer);
    run();
  });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, 120);
  });
  facetsBox.addEventListener("click", function (e) {
    var b = e.target.closest("button[data-k]");
    if (!b) return;
    var k = b.getAttribute("data-k"), v = b.getAttribute("data-v");
    var val = v === "overdue" ? v : Number(v);
    filters[k] = filters[k] === val ? undefined : val;
    if (filters[k] === undefined) delete filters[k];
    run().then(function () {
      var again = facetsBox.querySelector('button[data-k="' + k + '"][data-v="' + v + '"]');
      if (again) again.focus();
    });
  });
  more.addEventListener("click", showMore);
  engine.meta().then(function (m) {
    fromURL(m);
    run();
  }, function () {
    status.textContent = "Không tải được chỉ mục tìm kiếm.";
  });
})(typeof window !== "undefined" ? window : this);
