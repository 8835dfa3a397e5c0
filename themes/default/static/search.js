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

  // Calls f(id) for every id of an ids-only posting (forms I, R, B; N: the complement, in one
  // of those forms, among the `n` records of the index).
  function eachId(p, f, n) {
    if (p[0] === "N") {
      var next = 0;
      eachId(p.slice(1), function (absent) {
        for (; next < absent; next++) f(next);
        next = absent + 1;
      });
      for (; next < n; next++) f(next);
      return;
    }
    var r = new Reader(p, 1), id = -1;
    if (p[0] === "I") {
      while (r.more()) { id += r.next() + 1; f(id); }
    } else if (p[0] === "R") {
      var at = 0;
      while (r.more()) {
        var start = at + r.next(), len = r.more() ? r.next() : 0;
        for (var k = start; k < start + len; k++) f(k);
        at = start + len;
      }
    } else if (p[0] === "B") {
      for (var c = 1; c < p.length; c++) {
        var v = VAL[p.charCodeAt(c)];
        for (var b = 0; b < 6; b++) if (v & (1 << b)) f((c - 1) * 6 + b);
      }
    }
  }

  // A record's facet code from a reader: {s, y, u: [units]} (facet_code in encode.rs).
  function readCode(r) {
    var c = VAL[r.s.charCodeAt(r.i++)], n = c >> 4, y = r.next(), u = [];
    if (n === 3) n = r.next();
    for (var k = 0; k < n; k++) {
      var v = VAL[r.s.charCodeAt(r.i++)];
      u.push(v === 63 ? 63 + r.next() : v);
    }
    return { s: c & 15, y: y, u: u };
  }

  // Shard prefixes from one string (front_coded in mod.rs): each shares as many first letters
  // with the one before as its first character says.
  function unfront(s) {
    var out = [], prev = "";
    for (var e of s.split(",")) out.push(prev = prev.slice(0, VAL[e.charCodeAt(0)]) + e.slice(1));
    return out;
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
  // `load(name)` returns a promise of the data of the index file `name` (e.g. "d/th");
  // `range(name, start, end)`, if given, a promise of bytes start..end of the binary index file
  // `name` (e.g. "r/3.dat"), or of null where ranges cannot be read: records are then read
  // from the chunk scripts for the rest of the session.
  function Engine(load, range) {
    this.load = load;
    this.range = range;
    this.cache = new Map();
    this.recs = new Map();
    // What a settled query may read on to count exactly, when not `meta.exact` (see
    // exactPlan).
    this.budget = null;
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
        m.dSet = new Set(unfront(m.d));
        m.bSet = new Set(unfront(m.b));
        m.exp = new Expansions(m.abbr);
        self.m = m;
        return m;
      });
    }
    return this.metaP;
  };

  // Whether a query word was typed with tones or đ: then spellings as typed rank first
  // (đất above đạt); a word typed without them takes every spelling alike (dat: đất, đạt).
  function toned(w) { return w.e !== w.f || !!w.asTyped; }
  // A context key's mark (CONTEXT in postings.rs): `đất~` is "đất" in a heading or a title;
  // an alias spelling's (ALIAS): `ủy^` is "ủy" in a record that says "UBND".
  var CTX = "~", ALIAS = "^";
  // A facet word's mark (FACET in postings.rs): `@u3` lists the tasks of unit 3, `@s2` of the
  // second state, `@o` the overdue ones, `@y1` those due in the first year of `meta.years`.
  var FACET = "@";
  // Records a chunk of a facet word's deadline order holds (CHUNK in order.rs).
  var ORDER_CHUNK = 512;
  // Marks the sources of a word's own key (not of its completions): `whole` in `add`.
  var SELF = 2;

  // The sources of one query word: spellings of the word itself (in what records say, and in
  // their context), and, for the word being typed (`prefix`), of its most frequent
  // completions, those that follow the word before (`after`: its folded form) first. A
  // completion whose posting has its own file is read from the head of ids its dictionary
  // entry keeps (the newest records) while the query is `typing`, else whole. A word of four
  // letters or more that the index does not have is corrected to a word one letter away (a
  // letter wrong, missing or extra, or two swapped; see `fix`): `fixed` is that word. `after`
  // and `before`: the folded words before and after it in the query.
  Engine.prototype.lookup = async function (w, prefix, after, typing, before) {
    var m = this.m, R = m.rank, key = w.f, self = this, sh = shardOf(key, m.dSet);
    var dict = await this.get("d/" + part(sh));
    var out = [], te = toneless(w.e), tw = toned(w);
    function add(shard, entry, completion, whole, ctx) {
      for (var sp of entry) {
        var alias = sp[0].slice(-1) === ALIAS, e = ctx || alias ? sp[0].slice(0, -1) : sp[0];
        var q = completion ? R.q[3] : alias ? R.q[4] : !tw ? R.q[2] : e === w.e ? R.q[0] : toneless(e) === te ? R.q[1] : R.q[2];
        var head = completion && !whole && typing && typeof sp[2] === "number" ? sp[3] : null;
        // `ok`: a record matched by it spells the word as asked (as typed, by abbreviation,
        // or any spelling of a word typed without tones, or a completion).
        var ok = !tw || completion || alias || e === w.e;
        out.push({ e: e, n: sp[1], where: sp[2], shard: shard, q: q, ok: ok, head: head, ctx: !!ctx, self: whole === SELF });
      }
    }
    var own = dict[key], ctx = dict[key + CTX], respelt = null;
    if (tw && !prefix && own && !own.some(function (sp) { return sp[0] === w.e; }) && !(ctx || []).some(function (sp) { return sp[0] === w.e + CTX; })) {
      // No record spells it so (a slip of a tone: "đỏi" for "đổi"): every spelling alike, as
      // if typed without tones (the pairs it makes rank "chuyển đổi" above "đối").
      tw = false;
      respelt = true;
    }
    // The word being typed is a beginning: as typed, it is one of its completions (no
    // spelling of it outranks another, or a query would read the whole index to settle).
    if (own) add(sh, own, prefix, SELF, false);
    // While a query is typed its context is left for when typing pauses (each keystroke reads
    // little; the page is provisional anyway).
    if (ctx && !typing) add(sh, ctx, prefix, SELF, true);
    var comps = [];
    if (prefix && key.length >= 2) {
      // Completions: the words of this shard that begin with the key, and the best of the
      // shards under it, which the shard names ("+").
      var total = function (e) { return e.reduce(function (t, sp) { return t + sp[1]; }, 0); };
      for (var k in dict) if (k !== "+" && k !== key && k.slice(-1) !== CTX && k.startsWith(key)) comps.push({ k: k, total: total(dict[k]) });
      var under = dict["+"] || {};
      for (var s in under) if (s.startsWith(key)) for (var h of under[s]) if (!comps.some(function (c) { return c.k === h[0]; })) comps.push({ k: h[0], total: h[1] });
      if (after) {
        // The completions that follow the word before in some record come first, the
        // strongest pair first ("phục vụ hà…" is "phục vụ hành", not "hạn").
        var pk = after + " " + key, psh = shardOf(pk, m.bSet), pd = await this.get("b/" + part(psh));
        var strength = new Map();
        for (var pkey in pd) {
          if (!pkey.startsWith(pk)) continue;
          var v = pd[pkey], next = pkey.slice(after.length + 1);
          strength.set(next, typeof v === "number" ? 1e9 : v.length);
          if (!comps.some(function (c) { return c.k === next; }) && next !== key) comps.push({ k: next, total: 0 });
        }
        comps.forEach(function (c) { c.pair = strength.get(c.k) || 0; });
      }
      comps.sort(function (a, b) { return (b.pair || 0) - (a.pair || 0) || b.total - a.total || (a.k < b.k ? -1 : 1); });
      var found = await Promise.all(comps.slice(0, 3).map(function (c) {
        var cs = shardOf(c.k, m.dSet);
        return self.get("d/" + part(cs)).then(function (d) { return { shard: cs, entry: d[c.k] }; });
      }));
      found = found.filter(function (f) { return f.entry; });
      found.forEach(function (f, i) { add(f.shard, f.entry, true, !own && i === 0, false); });
      comps = found;
    }
    var completed = comps.length ? comps[0].entry[0][0].replace(/\^$/, "") : null;
    if (respelt) return { sources: out, fixed: null, untoned: true, completed: null, hasOwn: true };
    if (own || ctx || comps.length || Array.from(key).length < 4) return { sources: out, fixed: null, completed: completed, hasOwn: !!own };
    // A word being typed is no misspelling yet.
    if (prefix && typing) return { sources: out, fixed: null, completed: completed, hasOwn: !!own };
    var fix = await this.fix(key, after, before);
    if (!fix) return { sources: out, fixed: null };
    if (fix.own) add(fix.shard, fix.own, false, SELF, false);
    if (fix.ctx) add(fix.shard, fix.ctx, false, SELF, true);
    out.forEach(function (src) { src.q = Math.min(src.q, R.q[2]); src.ok = true; });
    return { sources: out, fixed: fix.word, fixedKey: fix.key, hasOwn: true };
  };

  // Whether two folded words are one letter apart: one wrong, missing or extra, or two
  // neighbours swapped.
  function oneApart(a, b) {
    a = Array.from(a); b = Array.from(b);
    if (Math.abs(a.length - b.length) > 1 || a.join("") === b.join("")) return false;
    var i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    var ra = a.slice(i).join(""), rb = b.slice(i).join("");
    if (a.length === b.length) {
      return ra.slice(1) === rb.slice(1) || (ra.length >= 2 && ra[0] === rb[1] && ra[1] === rb[0] && ra.slice(2) === rb.slice(2));
    }
    return a.length > b.length ? ra.slice(1) === rb : ra === rb.slice(1);
  }
  var LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789";

  // An exact form (the tone mark after the letters, as the index keeps it: "hoacḥ") as it is
  // written, the tone on its vowel ("hoạch"): on the vowel with a hat, breve or horn, else on
  // the only vowel, else on the last one before a final consonant, else on the second of oa,
  // oe, uy and the first of the others (qu and gi count as consonants).
  function display(e) {
    var d = String(e).normalize("NFD"), tone = "", base = "";
    for (var ch of d) { if (TONE.test(ch)) tone = ch; else base += ch; }
    var cs = Array.from(base.normalize("NFC"));
    if (!tone) return cs.join("");
    var isV = function (c) { return /[aăâeêioôơuưy]/i.test(c); };
    var start = 0;
    while (start < cs.length && !isV(cs[start])) start++;
    if (start < cs.length - 1 && isV(cs[start + 1]) && ((cs[start] === "u" && /q/i.test(cs[start - 1] || "")) || (cs[start] === "i" && /g/i.test(cs[start - 1] || "")))) start++;
    var end = start;
    while (end < cs.length && isV(cs[end])) end++;
    if (start >= cs.length) return (cs.join("") + tone).normalize("NFC");
    var v = cs.slice(start, end).join(""), at = start;
    var hat = -1;
    for (var k = start; k < end; k++) if (/[ăâêôơư]/i.test(cs[k])) hat = k;
    if (hat >= 0) at = hat;
    else if (end - start === 1) at = start;
    else if (end < cs.length) at = end - 1;
    else if (/^(oa|oe|uy)$/i.test(v)) at = end - 1;
    else if (end - start === 3) at = start + 1;
    cs[at] = (cs[at].normalize("NFD") + tone).normalize("NFC");
    return cs.join("");
  }

  // Word `typed` (its folded form `from`) with the one letter that makes it `to` (folded)
  // mended, its other letters and tones as typed; null when its letters do not map one to one.
  function mend(typed, from, to) {
    var t = Array.from(typed), a = Array.from(from), b = Array.from(to);
    if (t.length !== a.length) return null;
    var i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    if (a.length === b.length) {
      if (a.slice(i + 1).join("") === b.slice(i + 1).join("")) t[i] = b[i];
      else { var x = t[i]; t[i] = t[i + 1]; t[i + 1] = x; }
    } else if (a.length > b.length) t.splice(i, 1);
    else t.splice(i, 0, b[i]);
    return t.join("");
  }

  // The word of the index one letter away from folded word `key` (see `oneApart`) that makes a
  // pair with the words `after` and `before` it in some record, else the most frequent one:
  // its dictionary entries and its most frequent spelling, or null. Reads the shards its
  // neighbours would be in (a few: the letters of a shard prefix are few).
  Engine.prototype.fix = async function (key, after, before) {
    var m = this.m, self = this, cs = Array.from(key), shards = [];
    var add = function (chars) {
      var sh = shardOf(chars.join(""), m.dSet);
      if (shards.indexOf(sh) < 0) shards.push(sh);
    };
    // Neighbours that change a later letter first: they share the longer beginning, so they
    // fall in few shards, and slips of the hand are more often late in a word.
    for (var p = cs.length; p >= 0; p--) {
      if (p < cs.length) add(cs.slice(0, p).concat(cs.slice(p + 1)));
      if (p + 1 < cs.length) add(cs.slice(0, p).concat([cs[p + 1], cs[p]], cs.slice(p + 2)));
      for (var l of LETTERS) {
        if (p < cs.length) add(cs.slice(0, p).concat([l], cs.slice(p + 1)));
        add(cs.slice(0, p).concat([l], cs.slice(p)));
      }
    }
    var list = shards.slice(0, 12);
    var dicts = await Promise.all(list.map(function (sh) { return self.get("d/" + part(sh)); }));
    var cands = [];
    dicts.forEach(function (d, i) {
      for (var k in d) {
        if (k === "+" || k.slice(-1) === CTX || k[0] === FACET || !oneApart(key, k)) continue;
        var t = d[k].reduce(function (a, sp) { return a + sp[1]; }, 0);
        cands.push({ k: k, total: t, shard: list[i], own: d[k], ctx: d[k + CTX], pair: 0 });
      }
    });
    cands.sort(function (a, b) { return b.total - a.total || (a.k < b.k ? -1 : 1); });
    cands = cands.slice(0, 5);
    // The one that makes a pair with the words around it in some record first ("quy hoạh" is
    // "quy hoạch", not the more frequent "hoá").
    await Promise.all(cands.map(async function (c) {
      for (var pk of [after ? after + " " + c.k : null, before ? c.k + " " + before : null]) {
        if (!pk) continue;
        var pd = await self.get("b/" + part(shardOf(pk, m.bSet)));
        var v = pd[pk];
        if (v !== undefined) c.pair += typeof v === "number" ? 1e9 : v.length;
      }
    }));
    var best = null;
    for (var c of cands) if (!best || c.pair > best.pair) best = c;
    if (!best) return null;
    var spelt = best.own.find(function (sp) { return sp[0].slice(-1) !== ALIAS; }) || best.own[0];
    return { word: spelt[0].replace(/\^$/, ""), key: best.k, shard: best.shard, own: best.own, ctx: best.ctx };
  };

  // A posting read segment by segment (`Segments` in mod.rs): the segments read so far, each
  // listing ids from its start, where each segment ends, and the file of the first.
  function List(data, file, n) {
    if (typeof data === "string") data = { p: data };
    this.parts = [data.p];
    this.ends = data.e || [n];
    this.h = data.h;
    this.file = file;
  }
  // Where the segments read end.
  List.prototype.end = function () { return this.ends[this.parts.length - 1]; };
  List.prototype.done = function () { return this.parts.length === this.ends.length; };
  // Calls f(segment, start, end) for each segment read.
  List.prototype.each = function (f) {
    for (var j = 0; j < this.parts.length; j++) f(this.parts[j], j ? this.ends[j - 1] : 0, this.ends[j]);
  };
  // Calls f(id) for each id read, and code(id, facet code) for those of `L` segments.
  List.prototype.ids = function (f, code) {
    this.each(function (p, start, end) {
      if (p[0] !== "L") {
        eachId(p, function (id) { f(start + id); }, end - start);
        return;
      }
      var r = new Reader(p, 1), id = start - 1;
      while (r.more()) {
        id += r.next() + 1;
        code(id, readCode(r));
        f(id);
      }
    });
  };

  Engine.prototype.posting = async function (src) {
    var n = this.m.n;
    if (src.head) return new List(src.head, null, n);
    if (typeof src.where === "string") return new List(src.where, null, n);
    var file = "p/" + part(src.shard) + "." + src.where;
    return new List(await this.get(file), file, n);
  };

  // Reads the next segment of `list`, or all the rest.
  Engine.prototype.grow = async function (list, all) {
    var self = this, names = [];
    for (var j = list.parts.length; j < (all ? list.ends.length : list.parts.length + 1); j++) names.push(list.file + "." + j);
    var got = await Promise.all(names.map(function (x) { return self.get(x); }));
    list.parts = list.parts.concat(got);
  };

  // The list of the records where `a b` are adjacent, or null.
  Engine.prototype.pair = async function (a, b) {
    var key = a + " " + b, sh = shardOf(key, this.m.bSet);
    var dict = await this.get("b/" + part(sh));
    var v = dict[key];
    if (v === undefined) return null;
    if (typeof v !== "number") return new List(v, null, this.m.n);
    var file = "q/" + part(sh) + "." + v;
    return new List(await this.get(file), file, this.m.n);
  };

  // The facet words of `filters`.
  function facetKeys(filters) {
    var ks = [];
    if (filters.s === "overdue") ks.push(FACET + "o");
    else if (filters.s != null) ks.push(FACET + "s" + filters.s);
    if (filters.y != null) ks.push(FACET + "y" + filters.y);
    if (filters.u != null) ks.push(FACET + "u" + filters.u);
    return ks;
  }
  function noop() {}

  // A facet word's posting (its first segment) and how many records it has: {key, n, list};
  // a word no record has, an empty list.
  Engine.prototype.facet = async function (key) {
    var m = await this.meta(), sh = shardOf(key, m.dSet), d = await this.get("d/" + part(sh)), e = d[key];
    var dim = key[1] === "o" ? "s" : key[1];
    if (!e) return { key: key, dim: dim, n: 0, list: new List("I", null, m.n) };
    return { key: key, dim: dim, n: e[0][1], list: await this.posting({ where: e[0][2], shard: sh }) };
  };

  // The counts of every facet over all records (meta.js's histogram), exact.
  Engine.prototype.totals = async function () {
    var counts = histogram((await this.meta()).h);
    counts.approx = false;
    return counts;
  };

  // Tasks by filters alone (no words): those every filter's facet word lists, in deadline
  // order (the rarest filter's order files, order.rs), earliest first; the count exact, the
  // other facets' counts from the facet codes of the tasks (sampled from `SAMPLE` blocks
  // when more are needed: `approx`).
  Engine.prototype.browse = async function (filters, want) {
    var m = await this.meta(), N = m.n, self = this;
    var facets = await Promise.all(facetKeys(filters).map(function (k) { return self.facet(k); }));
    // Each filter's records whole: a bitmap at most, a sixth of a byte a record.
    await Promise.all(facets.map(function (f) { return self.grow(f.list, true); }));
    var nf = facets.length, hit = new Uint8Array(N), matching = [];
    // Bit j of `hit[id]`: record id has filter j.
    facets.forEach(function (f, j) { f.list.ids(function (id) { hit[id] |= 1 << j; }, noop); });
    var all = (1 << nf) - 1;
    for (var id = 0; id < N; id++) if (hit[id] === all) matching.push(id);
    // How many records pass the filters but those of facet `d`: exact, from the masks.
    var exceptCount = function (d) {
      var want2 = 0;
      facets.forEach(function (f, j) { if (f.dim !== d) want2 |= 1 << j; });
      if (want2 === all) return matching.length;
      var c = 0;
      for (var id2 = 0; id2 < N; id2++) if ((hit[id2] & want2) === want2) c++;
      return c;
    };
    var rare = facets.reduce(function (a, f) { return f.n < a.n ? f : a; });
    var ids = [];
    for (var j = 0; ids.length < want && j * ORDER_CHUNK < rare.n; j++) {
      var z = await this.get("o/" + rare.key.slice(1) + (j ? "." + j : ""));
      var r = new Reader(z, 1), at = 0;
      while (r.more()) {
        var v = r.next();
        at += v & 1 ? -((v + 1) / 2) : v / 2;
        if (hit[at] === all) ids.push(at);
      }
    }
    var counts = facetCounts(m, facets, [], exceptCount);
    return { ids: ids, full: matching.length, secondary: 0, total: matching.length, count: "exact", complete: ids.length >= matching.length, estimated: false, provisional: false, counts: counts, facetsLater: false, words: [], prefix: false, q: "", filters: filters, fixed: null, completion: null, seen: matching.length, scale: 1, browse: true };
  };

  // The counts of facet `d` over `total` records that hold the query's words and pass the
  // filters `others`, as if the words and each filter were independent of one another given
  // the facet value (naive Bayes): a value's share is the words' share (that of the rarest
  // of `proxies`) times each filter's share over the share of all records, normalised over
  // the values of a state or a year (a record has one), and as odds for a unit (a record may
  // have several). The rarest of the words and filters alone errs where a filter and the
  // words pull apart (a unit's tasks about land). The words' proxies are not combined so:
  // the words of a phrase are not independent (the search benchmark's facet counts within
  // ±10 % fell from 86 % to 69 % when tried).
  function combined(counts, d, m, proxies, others, total) {
    var words = proxies.reduce(function (a, p) { return !a || p.n < a.n ? p : a; }, null);
    var all = histogram(m.h), N = m.n;
    var share = function (x, n, v) {
      var h = x.h[d];
      return (d === "u" ? h.get(v) : h[v]) / n || 0;
    };
    if (d === "u") {
      var odds = function (p) { return p >= 1 ? 1e9 : p / (1 - p); };
      all.u.forEach(function (_, u) {
        var p0 = share({ h: all }, N, u);
        if (!p0) return;
        var o = odds(share(words, words.n, u));
        others.forEach(function (f) { o *= odds(share(f, f.n, u)) / odds(p0); });
        var x = Math.round(total * o / (1 + o));
        if (x) counts.u.set(u, x);
      });
      return;
    }
    var raw = [], sum = 0;
    all[d].forEach(function (c, v) {
      var p0 = (c || 0) / N;
      if (!p0) return;
      var x = share(words, words.n, v);
      others.forEach(function (f) { x *= share(f, f.n, v) / p0; });
      raw[v] = x;
      sum += x;
    });
    counts[d] = raw.map(function (x) { return sum ? Math.round(total * (x || 0) / sum) : 0; });
  }

  // The counts of each facet `d` (s, y, u) over the results of the filters but those of `d`
  // (choosing one of its values narrows the results to that many): from the histogram of
  // the rarest of the lists `proxies` (the query's dense words, {n, h}) and the filters
  // of the other facets (their facet words), scaled to `target(d)`: how many results the
  // filters but those of `d` have. Exact when one filter, or none and no words, is all there
  // is to count by (a filter's histogram is its records' counts; meta.js's, all records').
  function facetCounts(m, facets, proxies, target) {
    var counts = { s: [], y: [], u: new Map(), approx: false };
    ["s", "y", "u"].forEach(function (d) {
      var others = facets.filter(function (f) { return f.dim !== d && f.list.h; }).map(function (f) { return { n: f.n, h: histogram(f.list.h) }; });
      if (proxies.length && others.length) {
        counts.approx = true;
        combined(counts, d, m, proxies, others, target(d));
        return;
      }
      var cands = others.concat(proxies), best = null;
      for (var c of cands) if (!best || c.n < best.n) best = c;
      var h = best ? best.h : histogram(m.h), exact = !proxies.length && others.length <= 1;
      var f = exact ? 1 : target(d) / (best ? best.n : m.n);
      if (!exact) counts.approx = true;
      var round = function (x) { return x && Math.max(1, Math.round(x * f)); };
      if (d === "s") counts.s = h.s.map(round);
      else if (d === "y") counts.y = h.y.map(round);
      else h.u.forEach(function (c, u) { counts.u.set(u, round(c)); });
    });
    return counts;
  }

  // The facet codes of records `ids` (sorted) from the facet blocks, those in `have` aside:
  // {of: codes by id, sampled, all: the codes of every record of the blocks read, as [id,
  // code]}: when more than `most` blocks would be read, only `most` blocks spread over them
  // are (the counts are then estimated).
  Engine.prototype.codesOf = async function (ids, have, most) {
    var m = this.m, fb = m.fblock, need = [], of = have || [], missing = new Set();
    for (var id of ids) {
      if (of[id]) continue;
      missing.add(id);
      var k0 = Math.floor(id / fb);
      if (need[need.length - 1] !== k0) need.push(k0);
    }
    var fetch = need, sampled = false;
    if (need.length > most) {
      fetch = [];
      for (var t = 0; t < most; t++) fetch.push(need[Math.floor((t + 0.5) * need.length / most)]);
      sampled = true;
    }
    var blocks = await Promise.all(fetch.map(function (k) { return this.get("f/" + k); }, this));
    var all = [];
    fetch.forEach(function (k, j) {
      var r = new Reader(blocks[j], 0);
      for (var id2 = k * fb; r.more(); id2++) {
        var c = readCode(r);
        all.push([id2, c]);
        if (missing.has(id2)) of[id2] = c;
      }
    });
    return { of: of, sampled: sampled, all: all };
  };

  // The counts of each facet over records `rs` whose codes are all known.
  function exactCounts(rs, codes, filters) {
    var counts = { s: new Array(16).fill(0), y: [], u: new Map() };
    for (var r of rs) if (codes[r.id]) tally(counts, codes[r.id], filters);
    return counts;
  }

  // The counts of each facet estimated from the records read (before `read`) that say every
  // word, `rs`, of which those with known codes are a sample; `all`: the codes of every
  // record of the facet blocks read. A facet value's records are not spread evenly over the
  // ids (overdue tasks and past years are in the older plans, at the end), so a value's
  // count is its count among the records read, plus its records after `read` (its count in
  // all, meta.js's histogram, less its share of the blocks read) times the chance that one
  // of them says the words: the share of its records read that do, drawn towards the share
  // of all records read that do while it has few records read (`PRIOR` records' worth).
  var PRIOR = 20;
  // The query's words whose spellings all have a histogram (dense words: their records'
  // facet counts), as {n, h}: the records that say every word are spread over the facets as
  // those of their rarest word are (the search benchmark measures how well: a median error
  // of 5 % on its queries, where a sample of the records read errs by 17 %, as it misses the
  // facets of the records not read).
  // Adjacent pairs of the query's words with a histogram (dense pairs, pairs.rs) are proxies
  // too, closer than either word ("đất đai" against "đất").
  function wordProxies(sources, lists, pairs) {
    var out = [];
    (pairs || []).forEach(function (pls) {
      var l = pls[0];
      if (!l || !l.h) return;
      var h = histogram(l.h), n = 0;
      h.s.forEach(function (c) { n += c || 0; });
      out.push({ n: n, h: h });
    });
    sources.forEach(function (list, i) {
      var own = [];
      list.forEach(function (src, j) { if (!src.ctx) own.push(j); });
      if (!own.length || own.some(function (j) { return !lists[i][j].h; })) return;
      var n = 0, h = { s: [], y: [], u: new Map() };
      own.forEach(function (j) {
        n += list[j].n;
        var x = histogram(lists[i][j].h);
        x.s.forEach(function (c, k) { h.s[k] = (h.s[k] || 0) + (c || 0); });
        x.y.forEach(function (c, k) { h.y[k] = (h.y[k] || 0) + (c || 0); });
        x.u.forEach(function (c, u) { h.u.set(u, (h.u.get(u) || 0) + c); });
      });
      out.push({ n: n, h: h });
    });
    return out;
  }

  function estimateCounts(m, rs, codes, all, read, filters) {
    var known = rs.filter(function (r) { return codes[r.id]; });
    var est = { s: new Array(16).fill(0), y: [], u: new Map() };
    if (!known.length) return est;
    var before = all.filter(function (x) { return x[0] < read; });
    var blockCodes = [];
    before.forEach(function (x) { blockCodes[x[0]] = x[1]; });
    var ids = before.map(function (x) { return { id: x[0] }; });
    var seen = exactCounts(known, codes, filters), plain = exactCounts(ids, blockCodes, {});
    var global = histogram(m.h), N = m.n;
    var toRead = read / Math.max(1, before.length), scaleR = rs.length / known.length, p0 = rs.length / Math.max(1, read);
    var one = function (got, fBefore, globalN) {
      var b = (got || 0) * scaleR, f = (fBefore || 0) * toRead;
      var p = (b + PRIOR * p0) / (f + PRIOR);
      return b + Math.min(1, p) * Math.max(0, (globalN || 0) - f);
    };
    var round = function (x) { return x && Math.max(1, Math.round(x)); };
    for (var k = 0; k < 16; k++) est.s[k] = round(one(seen.s[k], plain.s[k], global.s[k]));
    global.y.forEach(function (c, i) { est.y[i] = round(one(seen.y[i], plain.y[i], c)); });
    global.u.forEach(function (c, u) { var x = round(one(seen.u.get(u), plain.u.get(u), c)); if (x) est.u.set(u, x); });
    return est;
  }

  // Whether facet code `c` passes `filters`, but for the facet `except`.
  function passes(c, filters, except) {
    if (except !== "u" && filters.u != null && c.u.indexOf(filters.u) < 0) return false;
    if (except !== "s" && filters.s != null && (filters.s === "overdue" ? !(c.s & 8) : (c.s & 7) !== filters.s)) return false;
    if (except !== "y" && filters.y != null && c.y !== filters.y) return false;
    return true;
  }
  // Counts code `c` in the facets it would be counted in: each facet counts the records of
  // every other filter (choosing one of its values narrows the results to that many).
  function tally(counts, c, filters) {
    if (passes(c, filters, "s")) counts.s[c.s]++;
    if (passes(c, filters, "y")) counts.y[c.y] = (counts.y[c.y] || 0) + 1;
    if (passes(c, filters, "u")) for (var u of c.u) counts.u.set(u, (counts.u.get(u) || 0) + 1);
  }

  // Characters a record takes in a codes file (its facet code), about.
  var CODE_CHARS = 4;

  // The lists whose codes files give the facet codes of every record that says every word:
  // the rarest word's own dense lists (its other lists give codes themselves), or null when
  // no word has them all (a dense list in more records than `meta.coded` has none), or when
  // reading the rest of `countLists` and those codes would cost more than `budget`
  // (characters; `meta.exact`, EXACT in mod.rs). The rest of a list is reckoned from what
  // its segments read hold.
  function exactPlan(m, sources, lists, countLists, N, budget) {
    if (!m.coded) return null;
    var best = null;
    sources.forEach(function (list, i) {
      var own = [], n = 0, ok = list.some(function (src) { return !src.ctx; });
      list.forEach(function (src, j) {
        if (src.ctx) return;
        var l = lists[i][j];
        if (src.head) ok = false;
        else if (l.h) {
          if (src.n > m.coded || !l.file) ok = false;
          own.push(l);
          n += src.n;
        }
      });
      if (ok && (!best || n < best.n)) best = { n: n, lists: own };
    });
    if (!best) return null;
    var cost = best.n * CODE_CHARS;
    countLists.forEach(function (l) {
      if (l.done()) return;
      var read = 0;
      l.parts.forEach(function (p) { read += p.length; });
      cost += read * (N - l.end()) / Math.max(1, l.end());
    });
    return cost <= budget ? best.lists : null;
  }

  // Facet code blocks read for counts without filters, at most: above, the counts are
  // estimated from blocks spread over the records read (flagged `approx`).
  var SAMPLE = 4;
  // Records counted from which a total is estimated rather than given as a lower bound.
  var ESTIMATE_FROM = 200;

  // A query's words, with `join`: the word must be adjacent to the next one in a record (words
  // in quotes, or joined without a space as in "I/2026" or "66/KH-UBND").
  function queryWords(q) {
    var out = [], quoted = false;
    String(q).split(/(")/).forEach(function (piece) {
      if (piece === '"') { quoted = !quoted; return; }
      piece.split(/(\s+)/).forEach(function (chunk) {
        if (!chunk || /^\s+$/.test(chunk)) {
          if (chunk && !quoted && out.length) out[out.length - 1].join = false;
          return;
        }
        var ws = words(chunk), typed = chunk.normalize("NFC").match(/[\p{Alphabetic}\p{N}\p{M}]+/gu) || [];
        ws.forEach(function (w, k) {
          w.join = k < ws.length - 1 || quoted;
          if (typed.length === ws.length) w.t = typed[k];
          out.push(w);
        });
      });
      if (!quoted && out.length) out[out.length - 1].join = false;
    });
    if (out.length) out[out.length - 1].join = false;
    return out;
  }

  // The score of a record from its matches (weights `R`, meta.js "rank" from
  // src/search/rank.rs, which says why each has its value): `own` words it says, `any` words
  // it has at all (its context too), `exact` words spelled as typed, `phrase` adjacent pairs,
  // `qsum` the match qualities.
  function scoreOf(R, own, any, exact, phrase, qsum, spelt) {
    return (spelt ? R.spelt : 0) + own * R.own + any * R.any + exact * R.exact + phrase * R.phrase + qsum * R.quality;
  }

  // Scores the records of the segments read: each word's best match in what the record says
  // (quality by spelling) and in its context, the facet codes that postings give, adjacent
  // pairs; `covered`: the records before it are known in every list. A record is `full` when it
  // says every word (and the words that must be adjacent are), each typed with tones spelled
  // so; `secondary` when it has every word otherwise (another tone, or in its context); else
  // partial (listed after, and only when its code is known).
  function score(ws, sources, lists, pairs, N, R, flists) {
    var n = sources.length, qual = [], ctxs = [], seen = new Uint8Array(N), touched = [], codes = new Array(N), covered = N;
    var code = function (id, c) { if (!codes[id]) codes[id] = c; };
    lists.concat(pairs, [flists]).forEach(function (ls) {
      ls.forEach(function (l) { if (!l.done()) covered = Math.min(covered, l.end()); });
    });
    // Filters: `mask[id]` counts the facet words of the filters record `id` has (read up to
    // `covered`); `fbefore`: per filter, its records before `covered` (for estimates).
    var mask = null, fbefore = flists.map(function () { return 0; });
    if (flists.length) {
      mask = new Uint8Array(N);
      flists.forEach(function (l, j) { l.ids(function (id) { mask[id]++; if (id < covered) fbefore[j]++; }, noop); });
    }
    // Per word: the records its own lists give before `covered` (for estimates).
    var before = sources.map(function () { return 0; });
    var bases = [], oks = [];
    sources.forEach(function (list, i) {
      var qi = qual[i] = new Uint8Array(N), ci = ctxs[i] = new Uint8Array(N), bi = bases[i] = new Uint8Array(N), oi = oks[i] = new Uint8Array(N);
      list.forEach(function (src, j) {
        var q = src.q, ctx = src.ctx, self = src.self, ok = src.ok;
        lists[i][j].ids(function (id) {
          // oks: 1 spelled as asked in what it says, 2 in its context.
          if (ctx) { ci[id] = 1; if (ok) oi[id] |= 2; }
          else {
            if (qi[id] < q) qi[id] = q;
            if (ok) oi[id] |= 1;
            if (self) bi[id] = 1;
            if (id < covered) before[i]++;
          }
          if (!seen[id]) { seen[id] = 1; touched.push(id); }
        }, code);
      });
    });
    var hits = pairs.map(function () { return null; });
    pairs.forEach(function (pls, i) {
      if (!pls.length) return;
      var hit = hits[i] = new Uint8Array(N);
      pls.forEach(function (pp) { pp.each(function (p, start, end) {
        if (p[0] !== "X") {
          eachId(p, function (id) { hit[start + id] = 1; }, end - start);
          return;
        }
        // Two frequent words: adjacent wherever both are (the words themselves, not their
        // completions), but for the records listed.
        var skip = new Uint8Array(end - start), ba = bases[i], bb = bases[i + 1];
        eachId(p.slice(1), function (id) { skip[id] = 1; }, end - start);
        for (var t = 0; t < touched.length; t++) {
          var id = touched[t];
          if (id >= start && id < end && ba[id] && bb[id] && !skip[id - start]) hit[id] = 1;
        }
      }); });
    });
    var full = [], secondary = [], partial = [];
    for (var t1 = 0; t1 < touched.length; t1++) {
      var id = touched[t1], own = 0, any = 0, exact = 0, qsum = 0, phrase = 0, joined = true, spelt = true, asked = true;
      for (var k = 0; k < n; k++) {
        var qv = qual[k][id];
        if (!oks[k][id]) asked = false;
        if (qv) {
          own++; any++; qsum += qv;
          if (qv === R.q[0] && toned(ws[k])) exact++;
          if (!(oks[k][id] & 1)) spelt = false;
        } else if (ctxs[k][id]) any++;
        if (k < n - 1) {
          var h = hits[k] && hits[k][id];
          if (h) phrase++;
          else if (ws[k].join) joined = false;
        }
      }
      if (own === n && !joined) own = n - 1;
      if (any < n && !codes[id]) continue;
      var rec = { id: id, score: scoreOf(R, own, any, exact, phrase, qsum, any === n && asked) };
      if (own === n && spelt) full.push(rec);
      else if (any === n) secondary.push(rec);
      else partial.push(rec);
    }
    return { qual: qual, ctxs: ctxs, codes: codes, full: full, secondary: secondary, partial: partial, touched: touched, covered: covered, before: before, mask: mask, nf: flists.length, fbefore: fbefore };
  }

  var byScore = function (a, b) { return b.score - a.score || a.id - b.id; };

  // The best score a record after `s.covered` could still have: a record read in no list yet
  // has only the words with lists not read whole, at their best quality (what it says) or in
  // its context; one read in some lists has those too. Every adjacent pair is counted.
  function unseen(s, ws, sources, lists, pairs, R) {
    var n = sources.length, phrases = pairs.filter(function (p) { return p.length; }).length;
    var openOwn = sources.map(function (list, i) {
      return list.reduce(function (b, src, j) { return !src.ctx && !lists[i][j].done() ? Math.max(b, src.q) : b; }, 0);
    });
    var openCtx = sources.map(function (list, i) {
      return list.some(function (src, j) { return src.ctx && !lists[i][j].done(); });
    });
    var best = function (q, c) {
      var own = 0, any = 0, exact = 0, qsum = 0;
      for (var i = 0; i < n; i++) {
        if (q[i]) { own++; any++; qsum += q[i]; if (q[i] === R.q[0] && toned(ws[i])) exact++; }
        else if (c[i]) any++;
      }
      return scoreOf(R, own, any, exact, phrases, qsum, any === n);
    };
    var top = best(openOwn, openCtx);
    // Records read past `covered`: each by its pattern of matches (many share one), scored
    // once per pattern.
    var q = new Array(n), c = new Array(n), seenPatterns = new Set();
    for (var t = 0; t < s.touched.length; t++) {
      var id = s.touched[t];
      if (id < s.covered) continue;
      var key = "";
      for (var i = 0; i < n; i++) {
        q[i] = Math.max(openOwn[i], s.qual[i][id]);
        c[i] = openCtx[i] || !!s.ctxs[i][id];
        key += String.fromCharCode(65 + q[i] * 2 + (c[i] ? 1 : 0));
      }
      if (seenPatterns.has(key)) continue;
      seenPatterns.add(key);
      top = Math.max(top, best(q, c));
    }
    return top;
  }

  // How many records say every word, estimated from the `count` found before `s.covered`:
  // scaled by the rarest word's records in all (its spellings' counts) over those it has before
  // `covered`, or, when every word is a completion read by its head, by the records in all
  // over those before `covered`.
  function estimate(count, s, sources, N, facets) {
    var best = null;
    (facets || []).forEach(function (f, j) {
      var before = s.fbefore[j];
      if (before && (!best || f.n < best.all)) best = { all: f.n, before: before };
    });
    sources.forEach(function (list, i) {
      var own = list.filter(function (src) { return !src.ctx; });
      if (!own.length || own.some(function (src) { return src.head; })) return;
      var all = own.reduce(function (t, src) { return t + src.n; }, 0), before = s.before[i];
      if (before && (!best || all < best.all)) best = { all: all, before: before };
    });
    var scale = best ? best.all / best.before : N / s.covered;
    return { total: Math.max(count, Math.round(count * scale)), scale: scale };
  }

  // Searches. `filters`: {u: unit index, s: state (1-5, or "overdue"), y: year index + 1}, each
  // optional; `want`: how many results must be in their final order (10); `typing`: the query
  // is being typed: it reads no segment past the first, and a first page not settled there
  // lists the best records read (`provisional`), to be run again when typing pauses; a word
  // being typed is completed from the head of its completions' postings. Long postings are
  // read segment by segment until those are settled: the results then list the records of the
  // segments read, and `total` and the counts are estimates (`complete` false). Results list
  // the records that say every word, then those whose context holds the rest (`secondary`),
  // then those with some of the words. Returns {ids (ranked), full (how many say every word),
  // secondary, total (of those that say every word), complete, estimated (the total is),
  // provisional (the order is that of the segments read only), counts (of those that say
  // every word), words, prefix, fixed (the query as corrected, when a word was), completion
  // (the word the last one was completed to, when it was)}.
  Engine.prototype.search = async function (q, filters, want, typing) {
    filters = filters || {};
    want = want || 10;
    var ws = queryWords(q);
    var m = await this.meta(), R = m.rank;
    var empty = { ids: [], full: 0, secondary: 0, total: 0, complete: true, estimated: false, counts: null, words: ws, prefix: false, q: q, filters: filters, fixed: null };
    var fkeys = facetKeys(filters), filtering = fkeys.length > 0;
    if (!ws.length) return filtering ? this.browse(filters, want) : empty;
    var prefix = /[\p{Alphabetic}\p{N}\p{M}]$/u.test(q.normalize("NFC"));
    var self = this, n = ws.length, N = m.n;
    if (prefix && n > 1 && Array.from(ws[n - 1].f).length < 2) {
      // The first letter of the next word, too short to complete: the results are those of
      // the words before it until the word is longer.
      ws = ws.slice(0, -1);
      ws[ws.length - 1].join = false;
      n--;
      prefix = false;
    }
    // A query typed with tones is typed with them throughout: a word without marks in it is
    // that word ("ban" in "Ủy ban", not "bản" or "bàn"). Only a query without any mark takes
    // every spelling alike.
    if (ws.some(toned)) ws.forEach(function (w) { w.asTyped = true; });
    var looked = await Promise.all(ws.map(function (w, i) {
      var last = prefix && i === n - 1;
      return self.lookup(w, last, i > 0 ? ws[i - 1].f : null, typing, i < n - 1 ? ws[i + 1].f : null);
    }));
    var completion = null;
    if (prefix && !typing) {
      // Settled (Enter, or typing paused): the last word is final if it is a word that follows
      // the word before it in some record (or the only word); else it is completed to its best
      // completion, as if typed whole ("Trung tâm Phục vụ hà" is "… Phục vụ hành").
      var last = looked[n - 1], key = ws[n - 1].f;
      var final = last.hasOwn && (n === 1 || !!(await self.pair(ws[n - 2].f, key)));
      if (!final && last.completed) {
        var ck = words(last.completed)[0].f;
        completion = display(last.completed);
        ws[n - 1] = { e: ck, f: ck, join: false, t: ws[n - 1].t };
      }
      looked[n - 1] = await self.lookup(ws[n - 1], false, n > 1 ? ws[n - 2].f : null, false, null);
      prefix = false;
    } else if (prefix && n > 1) {
      // The word being typed continues the word before it: "giải ng…" asks for "giải ngân".
      ws[n - 2].join = true;
    }
    var sources = looked.map(function (l) { return l.sources; });
    looked.forEach(function (l, i) { if (l.untoned) ws[i] = { e: ws[i].f, f: ws[i].f, join: ws[i].join, t: ws[i].t }; });
    var fixed = null;
    if (looked.some(function (l) { return l.fixed; })) {
      // The query as typed, each misspelt word mended by the one letter that differs.
      fixed = q;
      var from = 0;
      looked.forEach(function (l, i) {
        var w = ws[i];
        if (w.t) {
          var at = fixed.normalize("NFC").indexOf(w.t, from);
          if (at >= 0) {
            fixed = fixed.normalize("NFC");
            var good = !l.fixed ? w.t : mend(w.t, w.f, l.fixedKey) || display(l.fixed);
            if (l.fixed && /^\p{Lu}/u.test(w.t)) good = good.charAt(0).toUpperCase() + good.slice(1);
            fixed = fixed.slice(0, at) + good + fixed.slice(at + w.t.length);
            from = at + good.length;
          }
        }
        // Every spelling of the word it was corrected to alike (its tones were typed for
        // another word).
        if (l.fixed) ws[i] = { e: l.fixedKey, f: l.fixedKey, join: w.join, t: w.t };
      });
    }
    var lists = await Promise.all(sources.map(function (list) {
      return Promise.all(list.map(function (s) { return self.posting(s); }));
    }));
    // The lists of adjacent pairs; the word being typed pairs with its completions too.
    var pairs = await Promise.all(ws.slice(1).map(function (w, i) {
      var keys = [w.f];
      // The word being typed, with its completions (the best one only while typing).
      if (i + 1 === n - 1 && prefix) {
        sources[n - 1].forEach(function (src) {
          var f = words(src.e)[0];
          if (f && keys.indexOf(f.f) < 0 && !src.ctx && (!typing || keys.length < 2)) keys.push(f.f);
        });
      }
      return Promise.all(keys.map(function (k) { return self.pair(ws[i].f, k); })).then(function (ls) { return ls.filter(Boolean); });
    }));
    // Filters are words too: their facet words' postings, read segment by segment with the
    // others; a record is a result only if it has every one.
    var facets = await Promise.all(fkeys.map(function (k) { return self.facet(k); }));
    var flists = facets.map(function (f) { return f.list; });
    // A code or a number typed as one token ("12/KH-UBND": its words joined, no tones): the
    // records that say it are among those in each adjacent pair's list, and the lists of its
    // rarer pairs are short and read whole. Their records are read and kept where a field
    // says the token's words in a row; a record with only some of them ("KH-UBND" is in
    // every plan) is not about it. Without this, filling the page with such records read
    // and scored every segment of the frequent words' lists (130 ms at 100,000 records).
    var token = n > 1 && !prefix && !filtering && !typing && ws.slice(0, -1).every(function (w) { return w.join; }) && !ws.some(toned);
    if (token) {
      var found = await this.tokenRecords(ws, pairs);
      if (found) {
        var tokenCodes = await this.codesOf(found, [], SAMPLE);
        var tokenCounts = exactCounts(found.map(function (id) { return { id: id }; }), tokenCodes.of, {});
        tokenCounts.approx = tokenCodes.sampled;
        return { ids: found, full: found.length, secondary: 0, total: found.length, count: "exact", complete: true, estimated: false, provisional: false, counts: tokenCounts, facetsLater: false, words: ws, prefix: false, q: q, filters: filters, fixed: fixed, completion: completion, seen: found.length, scale: 1 };
      }
    }
    var every = [].concat.apply([], pairs).concat(flists);
    lists.forEach(function (l) { every = every.concat(l); });
    var passing = function (r) { return !s.mask || s.mask[r.id] === s.nf; };
    // Read on until `want` records before `covered` rank above any record after it (ties go
    // to the smaller id): those, and the others above that bound, are in their final order.
    var s, settled, final, provisional = false;
    // The candidates (unsorted), those before `covered` (settled), and of those the ones in
    // their final order: every record that ranks above any record not read yet (sorted).
    var candidates = function (s) { return s.full.concat(s.secondary, s.partial).filter(passing); };
    var settle = function () {
      settled = candidates(s).filter(function (r) { return r.id < s.covered; });
      if (s.covered >= N) return settled.sort(byScore);
      // Fewer than a page read: none can be final yet (no bound needed).
      if (settled.length < want) return [];
      var bound = unseen(s, ws, sources, lists, pairs, R);
      return settled.filter(function (r) { return r.score >= bound; }).sort(byScore);
    };
    var openLists = function () { return every.filter(function (l) { return !l.done() && l.end() === s.covered; }); };
    for (;;) {
      s = score(ws, sources, lists, pairs, N, R, flists);
      var open = openLists();
      if (!open.length) { final = settle(); break; }
      final = settle();
      if (final.length >= want) break;
      if (typing) {
        // The best of the records read.
        provisional = true;
        final = settled.sort(byScore);
        break;
      }
      await Promise.all(open.map(function (l) { return self.grow(l); }));
    }
    // Settled, the results would be counted from fewer records than an estimate needs: read
    // on while that is so (a count from the first segments would be a lower bound far below
    // the truth: "ít nhất 43" for 539), for a query whose count can be estimated (below).
    var estimable = !(prefix && sources[n - 1].some(function (src) { return !src.self; })) && !ws.some(function (w) { return /\d/.test(w.f); });
    while (!typing && estimable && s.covered < N) {
      var counted = s.full.filter(function (r) { return r.id < s.covered && passing(r); }).length;
      var next = openLists();
      if (counted >= ESTIMATE_FROM || !next.length) break;
      await Promise.all(next.map(function (l) { return self.grow(l); }));
      s = score(ws, sources, lists, pairs, N, R, flists);
      final = settle();
    }
    // The lists that decide which records say every word and pass the filters: each word's
    // own lists (not its context's), the filters', and the pairs of words that must be
    // adjacent. When all are read, the total is exact.
    var countLists = flists.slice();
    lists.forEach(function (l, i) { l.forEach(function (x, j) { if (!sources[i][j].ctx) countLists.push(x); }); });
    if (ws.some(function (w) { return w.join; })) pairs.forEach(function (p) { countLists = countLists.concat(p); });
    var isCounted = function () { return s.covered >= N || countLists.every(function (l) { return l.done(); }); };
    // Settled: when reading the rest of those lists, and the facet codes of the records of
    // the rarest word, costs little, they are read: the total and every facet count are then
    // exact (an estimate of a facet value with few records errs most).
    if (!typing && !(isCounted() && s.full.every(function (r) { return s.codes[r.id]; }))) {
      var plan = exactPlan(m, sources, lists, countLists, N, this.budget != null ? this.budget : m.exact || 0);
      if (plan) {
        await Promise.all(countLists.filter(function (l) { return !l.done(); }).map(function (l) { return self.grow(l, true); }));
        // A codes file that cannot be read (a site copied in part) leaves the counts
        // estimated, as before.
        var got0 = null;
        try {
          got0 = await Promise.all(plan.map(function (l) { return self.get(l.file + ".c"); }));
        } catch (e) { /* left null */ }
        s = score(ws, sources, lists, pairs, N, R, flists);
        if (got0) plan.forEach(function (l, j) {
          var r = new Reader(got0[j], 0);
          l.ids(function (id) { var c = readCode(r); if (!s.codes[id]) s.codes[id] = c; }, noop);
        });
        final = settle();
      }
    }
    var complete = s.covered >= N, counted = isCounted(), codes = s.codes;
    // The records that say every word (whatever the filters: the facets count them), and
    // those of them that pass the filters (the results).
    var fullAll = counted ? s.full : s.full.filter(function (r) { return r.id < s.covered; });
    var fullPass = filtering ? fullAll.filter(passing) : fullAll;
    var est = counted ? null : estimate(fullAll.length, s, sources, N);
    if (est && filtering) {
      // Records of the filters are not spread like those of the words (overdue tasks are in
      // older plans, at the end), nor independent of them (a unit's tasks name it): the
      // records after `covered` that say the words, each kept with the share of records
      // there that every filter lists (known from the facet words' counts), times how much
      // likelier the records read that say the words pass the filters than any record read.
      var shareOf = function (before, after, span) { return facets.reduce(function (p, f, j) { return p * Math.max(0, before ? s.fbefore[j] : f.n - s.fbefore[j]) / Math.max(1, span); }, 1); };
      var after = shareOf(false, true, N - s.covered), read = shareOf(true, false, s.covered);
      var lift = fullAll.length && read ? fullPass.length / fullAll.length / read : 1;
      est = { total: fullPass.length + Math.round(Math.max(0, est.total - fullAll.length) * Math.min(1, after * lift)), scale: est.scale };
    }
    var total = counted ? fullPass.length : est.total;
    // How the total is to be read: exact when the lists that decide it were read whole; else
    // an estimate when enough records were counted and every record counted stands for as
    // many (no word being completed: those are counted in part; no number: years and dates
    // are not spread evenly, a plan's deadlines fall in its own years), else a lower bound:
    // the records counted so far. The search benchmark checks that estimates hold within
    // ±10 %.
    var kind = counted ? "exact" : fullPass.length >= ESTIMATE_FROM && estimable ? "estimate" : "atLeast";
    if (kind === "atLeast") total = fullPass.length;
    // The records that say every word, in all (what facet counts are scaled to).
    var wordsTotal = !filtering ? total : counted ? fullAll.length : estimate(fullAll.length, s, sources, N).total;
    var counts = null, approx = !counted, estimated = !counted, facetsLater = false;
    // One dense word alone: its histogram is the count, no codes needed unless filtering.
    var single = n === 1 && sources[0].filter(function (x) { return !x.ctx; }).length === 1 && lists[0][0].h;
    if (single && !filtering) {
      counts = histogram(lists[0][0].h);
      total = sources[0][0].n;
      approx = estimated = false;
    } else if (typing && fullAll.some(function (r) { return !codes[r.id]; })) {
      // While a query is typed the facets wait for it to settle: no block is read.
      facetsLater = true;
    } else {
      // Codes of the records read that their postings did not give: from the facet blocks (a
      // sample of them when many are needed).
      var got = await this.codesOf(fullAll.map(function (r) { return r.id; }).sort(function (a, b) { return a - b; }), codes, SAMPLE);
      approx = approx || got.sampled;
      if (!approx) counts = exactCounts(fullAll, codes, filters);
      else {
        var proxies = wordProxies(sources, lists, pairs);
        if (!proxies.length) counts = estimateCounts(m, fullAll, codes, got.all, Math.min(s.covered, N), filters);
        else {
          // How many say the words and pass the filters but those of facet `d`: the
          // results' total, scaled by how many more of the records read pass those.
          var target = function (d) {
            var g = {}, rest = false;
            for (var k in filters) if (k !== d) { g[k] = filters[k]; rest = true; }
            // The filter of `d` alone: those that say the words, whatever their facets
            // (estimated from the words' lists, not from the records read, which lie in
            // the newest plans).
            if (!rest) return wordsTotal;
            var a = 0, b = 0;
            for (var r of fullAll) {
              var c = codes[r.id];
              if (!c) continue;
              if (passes(c, g)) a++;
              if (passes(c, filters)) b++;
            }
            return filtering ? (b ? total * a / b : total) : wordsTotal;
          };
          counts = facetCounts(m, facets, proxies, target);
        }
      }
    }
    if (!counts) counts = { s: new Array(16).fill(0), y: [], u: new Map() };
    counts.approx = approx;
    var fullSet = new Set(s.full.map(function (r) { return r.id; })), ids = [], nfull = 0, nsec = 0;
    var secSet = new Set(s.secondary.map(function (r) { return r.id; }));
    for (var r3 of final) {
      ids.push(r3.id);
      if (fullSet.has(r3.id)) nfull++;
      else if (secSet.has(r3.id)) nsec++;
    }

    return { ids: ids, full: complete ? nfull : total, secondary: nsec, total: total, count: kind, complete: complete, estimated: estimated, provisional: provisional, counts: counts, facetsLater: facetsLater, words: ws, prefix: prefix, q: q, filters: filters, fixed: fixed, completion: completion, seen: fullAll.length, scale: est ? est.scale : 1 };
  };

  function histogram(h) {
    var u = new Map();
    for (var pair of h[2]) u.set(pair[0], pair[1]);
    var y = [];
    h[1].forEach(function (c, i) { y[i] = c; });
    return { s: h[0].slice(), y: y, u: u };
  }

  // The records that say the words `ws` in a row, in id order, when they can be told from the
  // lists of the adjacent pairs read whole (`pairs`, a list per pair: a pair no record has
  // makes none) and the records of at most `TOKEN_MOST` candidates; else null. A pair of two
  // frequent words is stored as the records having both apart (`X`), which says nothing of
  // a record alone: those pairs are checked in the records' text.
  Engine.prototype.tokenRecords = async function (ws, pairs) {
    if (pairs.some(function (pls) { return !pls.length; })) return [];
    var plain = pairs.filter(function (pls) {
      return pls.length === 1 && pls[0].done() && pls[0].parts.every(function (p) { return p[0] !== "X"; });
    });
    if (!plain.length) return null;
    var cands = null;
    plain.forEach(function (pls) {
      var here = new Set();
      pls[0].each(function (p, start, end) { eachId(p, function (id) { here.add(start + id); }, end - start); });
      cands = cands ? cands.filter(function (id) { return here.has(id); }) : Array.from(here);
    });
    cands.sort(function (a, b) { return a - b; });
    if (cands.length > TOKEN_MOST) return null;
    var m = await this.meta(), recs = await this.records(cands);
    var seq = ws.map(function (w) { return w.f; });
    var says = function (text) {
      var fs = words(String(text || "")).map(function (w) { return w.f; });
      for (var i = 0; i + seq.length <= fs.length; i++) {
        var k = 0;
        while (k < seq.length && fs[i + k] === seq[k]) k++;
        if (k === seq.length) return true;
      }
      return false;
    };
    var unit = function (u) { return typeof u === "number" ? (m.units[u] || []).slice(0, 2) : [u]; };
    return cands.filter(function (id, j) {
      var r = recs[j];
      // What a record says: a plan its title and number (in its label); a task its content,
      // deadline, deliverable and units.
      var texts = r[0] === 1 ? [r[1], r[5]] : [r[1], r[4], r[10]];
      if (r[0] !== 1) (r[6] || []).concat(r[7] || []).forEach(function (u) { texts = texts.concat(unit(u)); });
      return texts.some(says);
    });
  };
  // Candidates of a token beyond which its records are not read to check it.
  var TOKEN_MOST = 200;

  // The shown data of records `ids`, in order: [kind, text, href, s, due, plan, lead, support,
  // percent, its group's number, deliverable, its plan's record id] for a task, [kind, title,
  // href, 0, date, plan, issuer, [group headings]] for a plan. Read by byte
  // ranges of the record files when the engine can, else from the chunk files, which name each
  // record's plan by its place in the chunk's list of [href, label].
  Engine.prototype.records = async function (ids) {
    var m = await this.meta(), self = this;
    if (this.range && m.rg) {
      try {
        await this.ranged(ids, m.rg);
        return ids.map(function (id) { return self.recs.get(id); });
      } catch (e) {
        this.range = null;
      }
    }
    var chunks = await Promise.all(ids.map(function (id) {
      var k = Math.floor(id / m.chunk);
      return self.get("r/" + Math.floor(k / 64) + "/" + k);
    }));
    return ids.map(function (id, j) {
      var c = chunks[j], r = c.r[id % m.chunk], p = c.p[r[2]];
      return r[0] === 1
        ? [1, r[1], p[0], 0, r[4], p[1], r[5], r[6]]
        : [0, r[1], p[0] + "#" + r[3], r[4], r[5], p[1], r[6], r[7], r[8], r[9], r[10], r[11]];
    });
  };

  // Byte spans of a file at most this far apart are read in one request.
  var GAP = 512;

  // Reads `spans` ([start, end), sorted by start) of file `name`, near ones in one request, and
  // calls got(i, bytes) for each span i.
  Engine.prototype.read = function (name, spans, got) {
    var self = this, reqs = [];
    spans.forEach(function (s, i) {
      var last = reqs[reqs.length - 1];
      if (!(s[1] > s[0])) throw new Error("bad span");
      if (last && s[0] - last[1] <= GAP) {
        last[1] = Math.max(last[1], s[1]);
        last[2].push(i);
      } else reqs.push([s[0], s[1], [i]]);
    });
    return Promise.all(reqs.map(async function (q) {
      var b = await self.range(name, q[0], q[1]);
      if (!b || b.length !== q[1] - q[0]) throw new Error("no range");
      for (var i of q[2]) got(i, b.subarray(spans[i][0] - q[0], spans[i][1] - q[0]));
    }));
  };

  // Reads records `ids` not read yet from the record files r/<g>.dat (`rg` records each): the
  // header entries of the records (u32 offsets), then the records (JSON).
  Engine.prototype.ranged = function (ids, rg) {
    var self = this, files = new Map(), dec = new TextDecoder();
    for (var id of ids) {
      var g = Math.floor(id / rg), js = files.get(g) || [];
      if (!self.recs.has(id) && js.indexOf(id - g * rg) < 0) js.push(id - g * rg);
      files.set(g, js);
    }
    return Promise.all(Array.from(files, async function (f) {
      var name = "r/" + f[0] + ".dat", js = f[1].sort(function (a, b) { return a - b; }), offs = [];
      if (!js.length) return;
      await self.read(name, js.map(function (j) { return [4 * j, 4 * j + 8]; }), function (i, b) {
        var v = new DataView(b.buffer, b.byteOffset, 8);
        offs[i] = [v.getUint32(0, true), v.getUint32(4, true)];
      });
      await self.read(name, offs, function (i, b) {
        self.recs.set(f[0] * rg + js[i], JSON.parse(dec.decode(b)));
      });
    }));
  };

  // What a result shows of a query: `words(text)` of a text, each marked with the indexes of
  // the query words it stands for, in the form each was matched: a word typed with tones by
  // the same spelling (never "đạt" for "đất"), one typed without them by any, the word being
  // typed by its beginning; an abbreviation stands for the words of its long form and back
  // ("UBND" for "ủy ban nhân dân"), when the query has that side.
  Engine.prototype.matcher = function (res) {
    var ws = res.words, n = ws.length, alias = [];
    var fs = ws.map(function (w) { return w.f; });
    for (var pr of this.m ? this.m.exp.pairs : []) {
      for (var side of [[pr[0], pr[1]], [pr[1], pr[0]]]) {
        for (var i = 0; i + side[0].length <= n; i++) {
          if (side[0].every(function (f, k) { return fs[i + k] === f; })) {
            alias.push({ from: side[1], words: side[0].map(function (_, k) { return i + k; }) });
          }
        }
      }
    }
    var last = res.prefix ? n - 1 : -1;
    var one = function (w, i) {
      var q = ws[i];
      if (i === last) return w.f.startsWith(q.f);
      return toned(q) ? w.e === q.e : w.f === q.f;
    };
    // Marks the words of `text`: [{text, index, matched: [query word indexes]}].
    return function (text) {
      var out = [], re = /[\p{Alphabetic}\p{N}\p{M}]+/gu, mt;
      while ((mt = re.exec(String(text)))) {
        var w = words(mt[0])[0];
        if (!w) continue;
        var hit = [];
        for (var i = 0; i < n; i++) if (one(w, i)) hit.push(i);
        out.push({ text: mt[0], index: mt.index, w: w, matched: hit });
      }
      // Abbreviations: a run of the text's words that is one side stands for the query's
      // words of the other.
      for (var a of alias) {
        for (var k = 0; k + a.from.length <= out.length; k++) {
          if (a.from.every(function (f, j) { return out[k + j].w.f === f; })) {
            for (var j = 0; j < a.from.length; j++) out[k + j].matched = out[k + j].matched.concat(a.words);
          }
        }
      }
      return out;
    };
  };

  // The fields a result must show beyond its text, deadline and lead units, so that every
  // query word it was found by is seen: for a task `r` (see `records`) its supporting units,
  // deliverable, group heading and plan title, in that order, those that hold a word not seen
  // yet; `plan` is its plan's record (for the heading and title), or null when not read.
  // Returns [{field, text}] with field "support", "output", "group" or "plan", and `needPlan`
  // when only the plan's record can tell.
  Engine.prototype.why = function (res, r, plan, match) {
    var n = res.words.length, seen = new Set();
    var see = function (text) { for (var t of match(text || "")) for (var i of t.matched) seen.add(i); };
    var names = function (list) { return (list || []).map(function (u) { return typeof u === "number" ? (this.m.units[u] || [""])[0] : u; }, this).join("; "); }.bind(this);
    see(r[1]); see(r[4]); see(names(r[6]));
    var out = [], needPlan = false;
    var offer = function (field, text) {
      if (seen.size >= n || !text) return;
      var before = seen.size;
      see(text);
      if (seen.size > before) out.push({ field: field, text: text });
    };
    offer("support", names(r[7]));
    offer("output", r[10]);
    if (seen.size < n) {
      if (!plan) needPlan = true;
      else {
        offer("group", (plan[7] || [])[r[9]]);
        offer("plan", plan[1]);
      }
    }
    return { fields: out, needPlan: needPlan };
  };

  var api = { words: words, toneless: toneless, display: display, Expansions: Expansions, analyze: analyze, Engine: Engine, eachId: eachId };
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
  }, /^https?:$/.test(location.protocol) && global.fetch && global.AbortController ? function (name, a, b) {
    // A server that ignores Range answers 200 with the whole file: cut it off at once.
    var ac = new AbortController();
    return fetch(base + name, { headers: { Range: "bytes=" + a + "-" + (b - 1) }, signal: ac.signal }).then(function (r) {
      if (r.status !== 206) { ac.abort(); return null; }
      return r.arrayBuffer().then(function (x) { return new Uint8Array(x); });
    });
  } : null);

  var form = document.getElementById("tim-form"), input = document.getElementById("q");
  var status = document.getElementById("tim-trang-thai"), list = document.getElementById("tim-ket-qua");
  var facetsBox = document.getElementById("tim-bo-loc"), more = document.getElementById("tim-them");
  document.getElementById("tim-khong-js").hidden = true;
  app.hidden = false;

  var params = new URLSearchParams(location.search);
  // On a phone the filters fold behind "Lọc kết quả" once there is something to show, so the
  // results start on the first screen; with nothing asked yet, they are what there is to see.
  var filterBox = document.getElementById("tim-loc");
  if (filterBox && window.matchMedia && window.matchMedia("(max-width: 48rem)").matches && (params.get("q") || "").trim()) {
    filterBox.open = false;
  }
  var filters = {}, shown = 0, current = null, seq = 0, timer = 0, approx = false;
  input.value = params.get("q") || "";

  function esc(s) {
    return String(s).replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; });
  }
  // `text` with the words that stand for query words marked (see Engine.matcher).
  function mark(text, match) {
    var out = "", last = 0;
    text = String(text);
    for (var t of match(text)) {
      if (!t.matched.length) continue;
      out += esc(text.slice(last, t.index)) + "<mark>" + esc(t.text) + "</mark>";
      last = t.index + t.text.length;
    }
    return out + esc(text.slice(last));
  }
  // Characters of a result's text shown: a longer text shows its beginning and, when a query
  // word is only further on, the passage around it.
  var SHOWN = 400, PASSAGE = 240;
  function snippet(text, match) {
    text = String(text);
    if (text.length <= SHOWN) return mark(text, match);
    var seen = new Set(), later = null;
    for (var t of match(text)) {
      var fresh = t.matched.filter(function (i) { return !seen.has(i); });
      if (!fresh.length) continue;
      if (t.index + t.text.length <= SHOWN) fresh.forEach(function (i) { seen.add(i); });
      else if (!later) later = t;
    }
    if (!later) return mark(cut(text, 0, SHOWN), match) + "…";
    var head = cut(text, 0, SHOWN - PASSAGE), from = Math.max(head.length, later.index - PASSAGE / 2);
    return mark(head, match) + " … " + mark(cut(text, from, from + PASSAGE).replace(/^\S*\s/, ""), match) + "…";
  }
  // Characters `from … to` of a text, ending at a space.
  function cut(text, from, to) {
    var part = text.slice(from, to), sp = part.lastIndexOf(" ");
    return to < text.length && sp > part.length / 2 ? part.slice(0, sp) : part;
  }

  // Thousands with a dot, as Vietnamese writes them.
  function num(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
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

  // An estimated count said with the precision it has: two significant digits (1.234 is
  // "khoảng 1.200").
  function rough(n) {
    if (n < 100) return n;
    var p = Math.pow(10, Math.floor(Math.log10(n)) - 1);
    return Math.round(n / p) * p;
  }
  function facetGroup(title, items, key) {
    var live = items.filter(function (it) { return it.count > 0 || filters[key] === it.value; });
    if (!live.length) return "";
    var h = '<section class="facet"><h2>' + esc(title) + "</h2><ul>";
    for (var it of live) {
      var on = filters[key] === it.value;
      h += '<li><button type="button" data-k="' + key + '" data-v="' + esc(String(it.value)) + '" aria-pressed="' + on + '">' +
        esc(it.label) + ' <span class="count">' + (approx ? "khoảng " + num(rough(it.count)) : num(it.count)) + "</span></button></li>";
    }
    return h + "</ul></section>";
  }
  function renderFacets(counts) {
    var m = engine.m, h = "";
    approx = !!counts.approx;
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

  // The filters chosen, said in words: "quá hạn, của Phòng Kinh tế, hạn trong năm 2026".
  function filterWords() {
    var m = engine.m, out = [];
    if (filters.s === "overdue") out.push("quá hạn");
    else if (filters.s != null) out.push("ở tình trạng “" + m.states[filters.s - 1][1] + "”");
    if (filters.u != null) out.push("do " + m.units[filters.u][0] + " chủ trì hoặc phối hợp");
    if (filters.y != null) out.push("có thời hạn trong năm " + m.years[filters.y - 1]);
    return out.join(", ");
  }

  // "Có phải bạn muốn tìm: …": the query as corrected, as a link that searches it.
  var fixBox = document.getElementById("tim-sua");
  function renderFix(res) {
    if (!fixBox) return;
    if (!res.fixed) { fixBox.hidden = true; fixBox.innerHTML = ""; return; }
    var p = new URLSearchParams(location.search);
    p.set("q", res.fixed);
    fixBox.innerHTML = 'Có phải bạn muốn tìm: <a href="?' + esc(p.toString()) + '">' + esc(res.fixed) + "</a>? Kết quả bên dưới là của từ này.";
    fixBox.hidden = false;
  }

  var WHY = { support: "Phối hợp", output: "Sản phẩm", group: "Trong nhóm", plan: "Thuộc kế hoạch" };

  async function showMore() {
    var res = current, from = shown;
    if (res.provisional ? shown > 0 : !res.complete && res.ids.length < shown + 10) {
      // The next page: read on in the long postings until it is settled. A provisional page
      // (a first page waits for typing to pause) is shown again in its settled order.
      var grown = await engine.search(res.q, res.filters, shown + 10);
      if (res !== current) return;
      if (res.provisional) from = 0;
      current = res = grown;
    }
    var ids = res.ids.slice(from, shown + 10);
    var recs = await engine.records(ids);
    if (res !== current) return;
    var match = engine.matcher(res);
    // A result found by words of its group heading or plan title shows them: their plan's
    // record is read for those only.
    var whys = recs.map(function (r) { return r[0] === 0 ? engine.why(res, r, null, match) : null; });
    var planIds = [];
    whys.forEach(function (w, i) { if (w && w.needPlan && planIds.indexOf(recs[i][11]) < 0) planIds.push(recs[i][11]); });
    if (planIds.length) {
      var plans = await engine.records(planIds);
      if (res !== current) return;
      whys = recs.map(function (r) { return r[0] === 0 ? engine.why(res, r, plans[planIds.indexOf(r[11])] || null, match) : null; });
    }
    var html = "";
    recs.forEach(function (r, i) {
      var st = stateOf(r[3]);
      var meta = r[0] === 1
        ? "Kế hoạch · " + mark(r[5], match) + (r[4] ? " · " + esc(r[4]) : "") + (r[6] ? " · " + esc(r[6]) : "")
        : '<span class="badge s-' + st[0] + '">' + esc(st[1]) + (r[8] && st[0] === "in_progress" ? " " + r[8] + "%" : "") + "</span>" +
          (r[3] & 8 ? ' <span class="badge s-overdue">Quá hạn</span>' : "") +
          " · Thời hạn: " + (r[4] ? mark(r[4], match) : "không ghi") +
          (r[6].length ? " · Chủ trì: " + mark(unitNames(r[6]), match) : "") +
          " · " + esc(r[5]);
      var extra = "";
      if (whys[i]) for (var f of whys[i].fields) extra += '<p class="result-why"><span class="label">' + WHY[f.field] + ":</span> " + mark(f.text, match) + "</p>";
      html += '<li class="result"><a href="' + esc(root + r[2]) + '">' + snippet(r[1], match) + '</a><p class="result-meta">' + meta + "</p>" + extra + "</li>";
    });
    if (!from) list.innerHTML = "";
    list.insertAdjacentHTML("beforeend", html);
    shown = from + ids.length;
    more.hidden = res.complete && shown >= res.ids.length;
  }

  // The sentence that says how many results a query has, and how the count is to be read.
  function summary(res, q) {
    if (res.browse) {
      var what = filterWords();
      if (!res.total) return "Không có nhiệm vụ nào " + what + ".";
      return "Có " + num(res.total) + " nhiệm vụ " + what + ", xếp theo thời hạn, sớm nhất trước.";
    }
    var said = "“" + q.trim() + "”";
    if (res.fixed) said = "“" + res.fixed + "” (bạn gõ “" + q.trim() + "”)";
    else if (res.completion) said = "“" + q.trim() + "” (từ cuối hiểu là “" + res.completion + "”)";
    if (res.provisional) return "Kết quả sơ bộ cho " + said + ": dừng gõ để xem đủ và đúng thứ tự.";
    var others = res.secondary ? " Sau đó là " + num(res.secondary) + (res.complete ? "" : "+") + " kết quả có các từ này trong tên nhóm, tên kế hoạch hoặc viết khác dấu." : "";
    if (!res.total) {
      return (res.ids.length ? "Không có nhiệm vụ nào ghi đủ các từ " + said + "." + others : "Không tìm thấy kết quả nào cho " + said + ".");
    }
    var count = res.count === "exact" ? num(res.total)
      : res.count === "estimate" ? "khoảng " + num(res.total) + " (ước tính, sai số dưới 10 %)"
      : "ít nhất " + num(res.total);
    return "Tìm thấy " + count + " kết quả ghi đủ các từ " + said + (res.typing && res.prefix ? " (đang gõ)" : "") + "." + others;
  }

  // Typing: a provisional page is settled when typing pauses this long (ms).
  var PAUSE = 600;

  async function run(typing) {
    var my = ++seq, q = input.value;
    toURL();
    status.setAttribute("data-settled", "false");
    if (!q.trim() && !Object.keys(filters).length) {
      // No words, no filter: every facet with its count over all tasks, to choose from.
      current = null;
      list.innerHTML = "";
      more.hidden = true;
      facetsBox.removeAttribute("aria-busy");
      status.textContent = "Nhập từ khóa để tìm, hoặc chọn tình trạng, đơn vị, thời hạn để xem các nhiệm vụ.";
      var totals = await engine.totals().catch(function () { return null; });
      if (my !== seq) return;
      if (totals) renderFacets(totals);
      status.setAttribute("data-settled", "true");
      return;
    }
    var res;
    try {
      res = await engine.search(q, filters, 10, typing === true);
    } catch (e) {
      status.textContent = "Không tải được chỉ mục tìm kiếm: " + e.message;
      return;
    }
    if (my !== seq) return;
    current = res;
    shown = 0;
    list.innerHTML = "";
    // A provisional page's counts would be scaled from a few records: the facets wait for it
    // to settle.
    if (res.provisional || res.facetsLater) facetsBox.setAttribute("aria-busy", "true");
    else {
      facetsBox.removeAttribute("aria-busy");
      renderFacets(res.counts);
    }
    await showMore();
    if (my !== seq) return;
    res.typing = typing === true;
    status.textContent = summary(res, q);
    renderFix(res);
    // A provisional page, facets left for later, a word being typed: settled when typing
    // pauses. `data-settled` says whether the page is final (for tests and assistive tools).
    var later = res.provisional || res.facetsLater || (typing === true && res.prefix);
    status.setAttribute("data-settled", later ? "false" : "true");
    if (later) timer = setTimeout(run, PAUSE);
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    clearTimeout(timer);
    run();
  });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { run(true); }, 120);
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
