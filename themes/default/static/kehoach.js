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
