// Document page review controls: accept / reject / edit each fact, add a fact from a text selection.
// Every write is POST /api/reviews (review-common.js); the page then reloads with the review applied.
"use strict";
(function () {
  var R = window.enteReview;
  var dataEl = document.getElementById("review-data");
  var article = document.getElementById("article");
  if (!R || !dataEl || !article) { return; }
  var data = JSON.parse(dataEl.textContent).review;
  var stateEl = document.getElementById("review-state");
  var addBox = document.getElementById("add-fact");
  var PLACEHOLDER = { date: "YYYY[-MM[-DD]]", iso3: "ISO3, e.g. KOR", level: "snake_case", number: "number" };

  function label(text) { return text.replace(/_/g, " "); }

  function input(f, value, forAdd) {
    var wrap = document.createElement("label");
    wrap.className = "rf";
    wrap.appendChild(document.createTextNode(label(f.name)));
    var el;
    if (f.type === "choice") {
      el = document.createElement("select");
      if (!f.required || !forAdd) { el.appendChild(new Option("—", "")); }
      f.choices.forEach(function (c) { el.appendChild(new Option(label(c), c)); });
      el.value = value === undefined || value === null ? (forAdd && f.required ? f.choices[0] : "") : String(value);
    } else {
      el = document.createElement("input");
      el.type = f.type === "number" ? "number" : "text";
      if (f.type === "number") { el.step = "any"; }
      el.placeholder = PLACEHOLDER[f.type] || "";
      if (value !== undefined && value !== null) { el.value = String(value); }
    }
    el.name = f.name;
    if (forAdd && f.required) { el.required = true; }
    wrap.appendChild(el);
    return wrap;
  }

  // The fields of a form: for a correction only those changed (a place with its country), for an addition all.
  function values(form, kind, original) {
    var out = {};
    data.fields[kind].forEach(function (f) {
      var v = form.elements[f.name].value.trim();
      if (v === "") { return; }
      if (original && String(original[f.name] === undefined ? "" : original[f.name]) === v) { return; }
      out[f.name] = f.type === "number" ? parseFloat(v) : v;
    });
    if (original && ("place" in out || "place_country" in out) && form.elements.place) {
      out.place = form.elements.place.value.trim() || original.place;
      var country = form.elements.place_country.value.trim();
      if (country) { out.place_country = country; }
    }
    return out;
  }

  function fail(where) {
    return function (e) { R.message(where || stateEl, "Not saved: " + e.message, true); };
  }

  function write(body, where) {
    return R.post(Object.assign({ doc_id: data.doc_id }, body)).then(function () {
      window.location.hash = "";
      window.location.reload();
    }, fail(where));
  }

  function buttons(form, onCancel) {
    var row = document.createElement("div");
    row.className = "rf-actions";
    var note = document.createElement("input");
    note.name = "note"; note.placeholder = "note (optional)"; note.maxLength = 5000;
    var save = document.createElement("button");
    save.type = "submit"; save.textContent = "save";
    var cancel = document.createElement("button");
    cancel.type = "button"; cancel.textContent = "cancel";
    cancel.addEventListener("click", onCancel);
    var err = document.createElement("p");
    err.className = "rf-error"; err.hidden = true;
    row.appendChild(note); row.appendChild(save); row.appendChild(cancel);
    form.appendChild(row); form.appendChild(err);
    return err;
  }

  function edit(li) {
    var open = li.nextElementSibling;
    if (open && open.classList.contains("editing")) { open.remove(); return; }
    var kind = li.getAttribute("data-kind");
    var original = JSON.parse(li.getAttribute("data-fields") || "{}");
    var holder = document.createElement("li");
    holder.className = "editing";
    var form = document.createElement("form");
    form.className = "review-form";
    form.setAttribute("data-key", li.getAttribute("data-key"));
    data.fields[kind].forEach(function (f) { form.appendChild(input(f, original[f.name], false)); });
    var err = buttons(form, function () { holder.remove(); });
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var fields = values(form, kind, original);
      if (!Object.keys(fields).length) { R.message(err, "Nothing changed.", true); return; }
      write({ kind: kind, action: "correct", key: li.getAttribute("data-key"), fields: fields,
              note: form.elements.note.value.trim() || null }, err);
    });
    holder.appendChild(form);
    li.parentNode.insertBefore(holder, li.nextSibling);
    var first = form.querySelector("select, input");
    if (first) { first.focus(); }
  }

  function act(li, action) {
    if (action === "edit") { edit(li); return; }
    write({ kind: li.getAttribute("data-kind"), action: action, key: li.getAttribute("data-key") });
  }

  function wire(list) {
    if (!list) { return; }
    list.querySelectorAll(".rv").forEach(function (el) { el.hidden = false; });
    list.addEventListener("click", function (ev) {
      var button = ev.target.closest(".rv button[data-act]");
      if (!button) { return; }
      act(button.closest("li[data-key]"), button.getAttribute("data-act"));
    });
    list.addEventListener("keydown", function (ev) {
      var li = ev.target;
      if (!li.matches || !li.matches("li[data-key]") || ev.ctrlKey || ev.metaKey || ev.altKey) { return; }
      var action = { a: "accept", r: "reject", e: "edit" }[ev.key];
      var button = action && li.querySelector('.rv button[data-act="' + action + '"]');
      if (button) { ev.preventDefault(); button.click(); }
    });
  }

  // ---- adding a fact from a selection of the article text (offsets exclude the E1/A2 labels)
  function offsetOf(container, offset) {
    var range = document.createRange();
    range.setStart(article, 0);
    range.setEnd(container, offset);
    var frag = range.cloneContents();
    frag.querySelectorAll(".lbl").forEach(function (el) { el.remove(); });
    return frag.textContent.length;
  }

  function articleText() {
    var copy = article.cloneNode(true);
    copy.querySelectorAll(".lbl").forEach(function (el) { el.remove(); });
    return copy.textContent;
  }

  var span = null;

  function addForm() {
    addBox.hidden = false;
    var form = document.createElement("form");
    form.className = "review-form";
    form.id = "add-form";
    var sel = document.createElement("p");
    sel.className = "selected"; sel.id = "add-selected";
    sel.textContent = "No text selected yet.";
    form.appendChild(sel);
    var kind = input({ name: "fact_kind", type: "choice", choices: Object.keys(data.fields), required: true },
                     "agreement", true);
    form.appendChild(kind);
    var pairs = data.pairs.map(function (p) { return p.join("-"); });
    var pair = input({ name: "pair", type: pairs.length ? "choice" : "text", choices: pairs, required: true },
                     pairs[0], true);
    if (!pairs.length) { pair.querySelector("input").placeholder = "AAA-BBB"; }
    form.appendChild(pair);
    var fields = document.createElement("div");
    fields.className = "rf-fields";
    form.appendChild(fields);
    function rebuild() {
      fields.textContent = "";
      data.fields[form.elements.fact_kind.value].forEach(function (f) { fields.appendChild(input(f, undefined, true)); });
    }
    form.elements.fact_kind.addEventListener("change", rebuild);
    rebuild();
    var err = buttons(form, function () { span = null; sel.textContent = "No text selected yet."; });
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      if (!span) { R.message(err, "Select the evidence in the article text first.", true); return; }
      var kindValue = form.elements.fact_kind.value;
      var codes = form.elements.pair.value.trim().toUpperCase().split(/[^A-Z]+/).filter(Boolean);
      if (codes.length !== 2) { R.message(err, "The pair is two ISO3 codes (AAA-BBB).", true); return; }
      write({ kind: kindValue, action: "add", pair: codes, fields: values(form, kindValue, null), spans: [span],
              note: form.elements.note.value.trim() || null }, err);
    });
    addBox.appendChild(form);
  }

  function onSelect() {
    var s = window.getSelection();
    if (!s || s.rangeCount === 0 || s.isCollapsed) { return; }
    var range = s.getRangeAt(0);
    if (!article.contains(range.startContainer) || !article.contains(range.endContainer)) { return; }
    var text = articleText();
    var start = offsetOf(range.startContainer, range.startOffset);
    var end = offsetOf(range.endContainer, range.endOffset);
    while (start < end && /\s/.test(text.charAt(start))) { start += 1; }
    while (end > start && /\s/.test(text.charAt(end - 1))) { end -= 1; }
    if (end <= start) { return; }
    span = { start: start, end: end, text: text.slice(start, end) };
    var shown = document.getElementById("add-selected");
    shown.textContent = "Evidence " + start + "–" + end + ": “" + span.text + "”";
    shown.classList.add("on");
  }

  R.session().then(function (s) {
    R.showState(stateEl, s);
    if (!s.authenticated) { return; }
    wire(document.getElementById("facts"));
    wire(document.getElementById("rejected"));
    if (addBox) {
      addForm();
      article.addEventListener("mouseup", onSelect);
      article.addEventListener("keyup", onSelect);
    }
    var m = /^#review=(.+)$/.exec(window.location.hash);
    if (m) {
      var key = decodeURIComponent(m[1]);
      var li = Array.prototype.slice.call(document.querySelectorAll("#facts li[data-key]"))
        .filter(function (el) { return el.getAttribute("data-key") === key; })[0];
      if (li) { li.scrollIntoView({ block: "center" }); li.focus(); edit(li); }
    }
  });
})();
