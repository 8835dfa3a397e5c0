// kehoach: progressive enhancements only. Every page works without this file.
// A filter box over task tables: matches ignore case, tones and đ/d ("van hoa" finds "Văn hoá").
(function () {
  "use strict";
  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase().replace(/\s+/g, " ");
  }
  document.querySelectorAll("table.tasks").forEach(function (table, i) {
    var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr.task-row"));
    if (rows.length < 8) return;
    var id = "loc-" + i;
    var label = document.createElement("label");
    label.className = "filter-input";
    label.htmlFor = id;
    label.textContent = "Lọc nhanh trong bảng (gõ tên nhiệm vụ, đơn vị, thời hạn): ";
    var input = document.createElement("input");
    input.type = "search";
    input.id = id;
    var status = document.createElement("p");
    status.className = "vh";
    status.setAttribute("role", "status");
    label.appendChild(input);
    var wrap = table.closest(".table-wrap") || table;
    wrap.parentNode.insertBefore(label, wrap);
    wrap.parentNode.insertBefore(status, wrap);
    var texts = rows.map(function (r) { return fold(r.textContent); });
    input.addEventListener("input", function () {
      var words = fold(input.value).trim().split(" ").filter(Boolean);
      var shown = 0;
      rows.forEach(function (r, k) {
        var ok = words.every(function (w) { return texts[k].indexOf(w) >= 0; });
        r.hidden = !ok;
        if (ok) shown++;
      });
      status.textContent = shown + " nhiệm vụ phù hợp";
    });
  });
})();
