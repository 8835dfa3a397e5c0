// kehoach: progressive enhancements only. Every page works without this file.
// A filter box over task tables: it filters the rows of this page only, and links to the
// search page with the same words. A row is kept when it has every word typed, as a whole word
// (the last one, being typed, from its start), ignoring case, tones and đ/d ("van hoa" finds
// "Văn hoá"); a word typed with tones keeps them ("quá" is not "quả"; hoá = hóa).
(function () {
  "use strict";
  var TONES = /[\u0300\u0301\u0303\u0309\u0323]/g;
  // [{f: folded, e: exact}] of the words of a text: runs of letters and digits.
  function words(s) {
    var out = [];
    var parts = String(s).normalize("NFD").toLowerCase().match(/[\p{L}\p{N}\p{M}]+/gu) || [];
    parts.forEach(function (w) {
      var tones = (w.match(TONES) || []).sort().join("");
      var base = w.replace(TONES, "");
      out.push({ f: base.replace(/\p{M}/gu, "").replace(/đ/g, "d"), e: base.normalize("NFC") + "|" + tones, toned: base !== base.replace(/\p{M}/gu, "").replace(/đ/g, "d") || tones !== "" });
    });
    return out;
  }
  function matches(q, w, last) {
    if (last && w.f.length > q.f.length) return w.f.startsWith(q.f);
    return q.toned ? w.e === q.e : w.f === q.f;
  }
  var searchForm = document.querySelector("form.header-search");
  document.querySelectorAll("table.tasks").forEach(function (table, i) {
    var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr.task-row"));
    if (rows.length < 8) return;
    var id = "loc-" + i;
    var label = document.createElement("label");
    label.className = "filter-input";
    label.htmlFor = id;
    label.textContent = "Lọc nhanh các nhiệm vụ của trang này (gõ tên nhiệm vụ, đơn vị, thời hạn): ";
    var input = document.createElement("input");
    input.type = "search";
    input.id = id;
    var status = document.createElement("p");
    status.className = "filter-status";
    status.setAttribute("role", "status");
    label.appendChild(input);
    var wrap = table.closest(".table-wrap") || table;
    wrap.parentNode.insertBefore(label, wrap);
    wrap.parentNode.insertBefore(status, wrap);
    var texts = rows.map(function (r) { return words(r.textContent); });
    input.addEventListener("input", function () {
      var q = input.value.trim(), qs = words(q);
      var shown = 0;
      rows.forEach(function (r, k) {
        var ok = qs.every(function (w, j) {
          var last = j === qs.length - 1 && !/\s$/.test(input.value);
          return texts[k].some(function (t) { return matches(w, t, last); });
        });
        r.hidden = !ok;
        if (ok) shown++;
      });
      status.textContent = "";
      if (!qs.length) return;
      status.appendChild(document.createTextNode(shown + " trong " + rows.length + " nhiệm vụ của trang này có các từ đã gõ. "));
      if (searchForm) {
        var a = document.createElement("a");
        a.href = searchForm.action + "?q=" + encodeURIComponent(q);
        a.textContent = "Tìm “" + q + "” trong mọi kế hoạch";
        status.appendChild(a);
      }
    });
  });
})();

// Statuses for the reader's today. The build computed overdue on the day the portal was
// updated (the footer's `data-built`); a task whose deadline passed since is overdue today. Rows
// of open tasks carry the last day of their deadline (`data-end`), and each progress block how
// many of its open tasks fall due on each of the next days (`data-soon`, "day:tasks …"), so the
// page turns them overdue from what it already holds. Without JavaScript the build day stands.
(function () {
  "use strict";
  var asOf = document.querySelector(".as-of[data-built]");
  if (!asOf) return;
  var built = asOf.getAttribute("data-built");
  var now = new Date();
  var pad = function (n) { return (n < 10 ? "0" : "") + n; };
  var today = now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  var dayMs = 86400000;
  var elapsed = Math.round((Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()) - Date.parse(built + "T00:00:00Z")) / dayMs);
  if (!(elapsed > 0)) return;
  var vi = function (iso) { var p = iso.split("-"); return p[2] + "/" + p[1] + "/" + p[0]; };
  document.querySelectorAll("tr.task-row[data-end]").forEach(function (row) {
    if (row.hasAttribute("data-overdue") || row.getAttribute("data-end") >= today) return;
    row.setAttribute("data-overdue", "1");
    // The status cell is the row's last; its first badge is the status.
    var first = row.cells[row.cells.length - 1].querySelector(".badge");
    if (!first) return;
    var badge = document.createElement("span");
    badge.className = "badge s-overdue";
    badge.textContent = row.getAttribute("data-state") === "not_updated" ? "Quá hạn, chưa có báo cáo" : "Quá hạn";
    first.parentNode.insertBefore(badge, first.nextSibling);
    first.parentNode.insertBefore(document.createTextNode(" "), badge);
  });
  // The tasks of a block due before today: "1:2 3:1" → 2 + 1 when 4 days have passed.
  var moved = function (spec) {
    var n = 0;
    (spec || "").split(" ").forEach(function (pair) {
      var kv = pair.split(":");
      if (kv.length === 2 && Number(kv[0]) < elapsed) n += Number(kv[1]);
    });
    return n;
  };
  var add = function (block, key, by) {
    block.querySelectorAll('[data-n="' + key + '"]').forEach(function (el) {
      el.textContent = String(Number(el.textContent) + by);
    });
  };
  document.querySelectorAll(".progress[data-soon]").forEach(function (block) {
    var m = moved(block.getAttribute("data-soon")), u = moved(block.getAttribute("data-soon-unreported"));
    if (!m) return;
    add(block, "overdue", m);
    add(block, "open_on_time", -m);
    add(block, "overdue_unreported", u);
    var part = block.querySelector(".overdue-part");
    if (part) part.hidden = false;
  });
  var help = asOf.querySelector(".as-of-help");
  var a = document.createElement("a");
  a.href = help ? help.getAttribute("href") : "#";
  asOf.textContent = "";
  asOf.appendChild(document.createTextNode("Tình trạng nhiệm vụ tính đến hôm nay " + vi(today) + "; số liệu cập nhật lần cuối " + vi(built) + " ("));
  a.textContent = "cách tính tình trạng và tiến độ";
  asOf.appendChild(a);
  asOf.appendChild(document.createTextNode(")."));
})();
