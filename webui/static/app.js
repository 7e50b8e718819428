/* vnsearch: progressive enhancement only. Every feature also works without this file;
   it holds all the page's script (the Content-Security-Policy allows no inline script). */
(function () {
  "use strict";
  var doc = document;
  doc.documentElement.classList.add("js");

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
  }

  function matches(el, selector) {
    return !!(el && el.nodeType === 1 && el.matches(selector));
  }

  /* Facet links (names, histogram bars) toggle their checkbox, so htmx sends the whole form.
     Without htmx they stay plain links to the toggled URL. */
  doc.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("[data-toggle-for]") : null;
    if (!link || !window.htmx || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) {
      return;
    }
    var box = doc.getElementById(link.getAttribute("data-toggle-for"));
    if (!box || !box.form) {
      return;
    }
    event.preventDefault();
    box.checked = !box.checked;
    box.dispatchEvent(new Event("change", { bubbles: true }));
  });

  /* The list filter, the date fields and the search box do not search on their change: dates wait
     for their button (a half-typed date is not a search), the filter box only narrows a list, and
     the search box submits (Enter fires "change" then "submit": one request, not two). */
  doc.addEventListener("change", function (event) {
    if (matches(event.target, ".facet-filter, .date-range input, #q")) {
      event.stopPropagation();
    }
  }, true);

  doc.addEventListener("input", function (event) {
    var box = event.target;
    if (!matches(box, ".facet-filter")) {
      return;
    }
    var list = doc.getElementById(box.getAttribute("aria-controls"));
    if (!list) {
      return;
    }
    /* The box filters the whole facet: the values shown at the top as well as the tail it came with
       (a nested facet, such as districts under provinces, keeps its own). */
    var needle = fold(box.value.trim());
    var facet = box.closest("fieldset");
    var scope = facet || list;
    scope.querySelectorAll(".facet-value").forEach(function (item) {
      if (facet && item.closest("fieldset") !== facet) {
        return;
      }
      item.hidden = needle !== "" && fold(item.textContent).indexOf(needle) < 0;
    });
  });

  doc.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && matches(event.target, ".facet-filter")) {
      event.preventDefault();
    }
  });

  /* Suggestions as you type: an ARIA combobox filled from /suggest (OpenSearch format).
     A <datalist> would hide titles that do not contain the typed letters, i.e. every
     suggestion for a query typed without accents. */
  var timer = null;
  var active = -1;
  var pending = null;

  function searchBox() { return doc.getElementById("q"); }
  function listbox() { return doc.getElementById("q-listbox"); }
  function normalise(text) { return text.trim().replace(/\s+/g, " "); }

  function closeSuggestions() {
    var list = listbox();
    var box = searchBox();
    if (list) {
      list.hidden = true;
      list.textContent = "";
    }
    if (box) {
      box.setAttribute("aria-expanded", "false");
      box.removeAttribute("aria-activedescendant");
    }
    active = -1;
  }

  /* Each suggestion is a term people search, with its kind ("văn bản", "đơn vị", "địa danh"). */
  function showSuggestions(items, kinds) {
    var list = listbox();
    var box = searchBox();
    if (!list || !box) {
      return;
    }
    list.textContent = "";
    items.forEach(function (text, i) {
      var option = doc.createElement("li");
      option.id = "q-option-" + i;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.setAttribute("data-value", text);
      var term = doc.createElement("span");
      term.className = "suggest-term";
      term.textContent = text;
      option.appendChild(term);
      if (kinds && kinds[i]) {
        var kind = doc.createElement("span");
        kind.className = "suggest-kind";
        kind.textContent = kinds[i];
        option.appendChild(kind);
      }
      list.appendChild(option);
    });
    active = -1;
    list.hidden = items.length === 0;
    box.setAttribute("aria-expanded", items.length ? "true" : "false");
  }

  function fetchSuggestions(value) {
    if (pending) {
      pending.abort();
    }
    pending = new AbortController();
    var lang = doc.documentElement.getAttribute("lang") === "en" ? "&lang=en" : "";
    var root = doc.documentElement.getAttribute("data-root") || "";  // the app's mount point ("/tra-cuu")
    fetch(root + "/suggest?q=" + encodeURIComponent(value) + lang, {
      signal: pending.signal, headers: { Accept: "application/x-suggestions+json, application/json" },
    }).then(function (response) {
      return response.ok ? response.json() : ["", []];
    }).then(function (data) {
      var box = searchBox();
      if (box && doc.activeElement === box && normalise(box.value) === data[0]) {
        showSuggestions(Array.isArray(data[1]) ? data[1] : [], Array.isArray(data[2]) ? data[2] : []);
      }
    }).catch(function () { /* offline or aborted: no suggestions */ });
  }

  function highlight(index) {
    var list = listbox();
    var box = searchBox();
    if (!list || !box) {
      return;
    }
    var options = list.querySelectorAll("[role=option]");
    if (!options.length) {
      return;
    }
    active = (index + options.length) % options.length;
    options.forEach(function (option, i) {
      option.setAttribute("aria-selected", i === active ? "true" : "false");
    });
    box.setAttribute("aria-activedescendant", options[active].id);
    options[active].scrollIntoView({ block: "nearest" });
  }

  function choose(text) {
    var box = searchBox();
    if (!box) {
      return;
    }
    box.value = text;
    closeSuggestions();
    if (box.form && box.form.requestSubmit) {
      box.form.requestSubmit();
    } else if (box.form) {
      box.form.submit();
    }
  }

  doc.addEventListener("input", function (event) {
    if (!matches(event.target, "#q")) {
      return;
    }
    clearTimeout(timer);
    var value = normalise(event.target.value);
    if (value.length < 2) {
      closeSuggestions();
      return;
    }
    timer = setTimeout(function () { fetchSuggestions(value); }, 150);
  });

  doc.addEventListener("keydown", function (event) {
    if (!matches(event.target, "#q")) {
      return;
    }
    var list = listbox();
    var open = list && !list.hidden;
    if (event.key === "ArrowDown" && open) {
      event.preventDefault();
      highlight(active + 1);
    } else if (event.key === "ArrowUp" && open) {
      event.preventDefault();
      highlight(active - 1);
    } else if (event.key === "Enter" && open && active >= 0) {
      event.preventDefault();
      choose(list.querySelectorAll("[role=option]")[active].getAttribute("data-value"));
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      closeSuggestions();
    }
  });

  doc.addEventListener("mousedown", function (event) {
    if (event.target.closest && event.target.closest("#q-listbox")) {
      event.preventDefault(); /* keep the focus in the box */
    }
  });

  doc.addEventListener("click", function (event) {
    var option = event.target.closest ? event.target.closest("#q-listbox [role=option]") : null;
    if (option) {
      choose(option.getAttribute("data-value"));
    }
  });

  doc.addEventListener("focusout", function (event) {
    if (matches(event.target, "#q")) {
      setTimeout(closeSuggestions, 120);
    }
  });

  doc.addEventListener("htmx:beforeRequest", function () {
    clearTimeout(timer);
    closeSuggestions();
  });

  /* Filters are a collapsible panel on phones (closed unless opened) and always open on wide screens. */
  var narrow = window.matchMedia("(max-width: 56rem)");
  var openedOnPhone = false;
  var syncing = false;

  function syncPanels() {
    syncing = true;
    doc.querySelectorAll(".filters-panel").forEach(function (panel) {
      panel.open = narrow.matches ? openedOnPhone : true;
    });
    syncing = false;
  }

  doc.addEventListener("toggle", function (event) {
    if (!syncing && matches(event.target, ".filters-panel") && narrow.matches) {
      openedOnPhone = event.target.open;
    }
  }, true);
  if (narrow.addEventListener) {
    narrow.addEventListener("change", syncPanels);
  }
  /* "Xem 12 kết quả": close the sheet onto the results. */
  doc.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-close-filters]") : null;
    if (!button) {
      return;
    }
    openedOnPhone = false;
    syncPanels();
    var results = doc.getElementById("results");
    if (results) {
      results.scrollIntoView({ block: "start" });
      results.focus({ preventScroll: true });
    }
  });
  doc.addEventListener("htmx:afterSwap", syncPanels);
  doc.addEventListener("htmx:historyRestore", syncPanels);
  syncPanels();

  /* Inside a frame (/embed on a portal), say how tall the page is: the portal's optional
     embed-resize.js sets the frame's height from it. Only a height is sent, so any parent may hear it. */
  if (window.parent !== window && doc.body && doc.body.classList.contains("page-embed")) {
    var lastHeight = 0;
    var tellHeight = function () {
      var height = doc.documentElement.scrollHeight;
      if (height !== lastHeight) {
        lastHeight = height;
        window.parent.postMessage({ vnsearch: "height", height: height }, "*");
      }
    };
    window.addEventListener("load", tellHeight);
    doc.addEventListener("htmx:afterSettle", tellHeight);
    if (window.ResizeObserver) {
      new ResizeObserver(tellHeight).observe(doc.body);
    }
  }

  /* Copy buttons: the snippets on the Embed page, the reference on a document page. */
  doc.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest(".copy-button, .follow-copy") : null;
    if (!button) {
      return;
    }
    var source = doc.getElementById(button.getAttribute("data-copy-target"));
    if (!source) {
      return;
    }
    var label = button.textContent;
    function done() {
      button.textContent = button.getAttribute("data-copied") || label;
      setTimeout(function () { button.textContent = label; }, 1600);
    }
    function fallback() {
      var range = doc.createRange();
      range.selectNodeContents(source);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      try {
        doc.execCommand("copy");
        done();
      } catch (err) { /* the text stays selected for Ctrl+C */ }
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(source.textContent).then(done, fallback);
    } else {
      fallback();
    }
  });
  /* A from–to selection on the time axis: press on one bar, drag across to another, release. The
     date fields take the first day of the first bar and the last day of the last, the year boxes
     are cleared (the range replaces them) and the form is sent, by htmx or as a plain GET. A press
     and release on one bar stays a click: that year's filter, or that month's range. */
  var brush = null;
  var swallowClick = false;

  function brushBars(svg) { return Array.prototype.slice.call(svg.querySelectorAll("[data-from]")); }

  function barAt(svg, x) {
    var best = null;
    var distance = Infinity;
    brushBars(svg).forEach(function (bar) {
      var box = bar.getBoundingClientRect();
      var d = x < box.left ? box.left - x : (x > box.right ? x - box.right : 0);
      if (d < distance) { distance = d; best = bar; }
    });
    return best;
  }

  function brushSpan() {
    var bars = brushBars(brush.svg);
    var i = bars.indexOf(brush.start);
    var j = bars.indexOf(brush.end);
    var lo = Math.min(i, j);
    var hi = Math.max(i, j);
    bars.forEach(function (bar, k) { bar.classList.toggle("is-brushed", brush.moved && k >= lo && k <= hi); });
    return [bars[lo], bars[hi]];
  }

  doc.addEventListener("pointerdown", function (event) {
    var svg = event.target.closest ? event.target.closest("svg.brush") : null;
    if (!svg || event.button !== 0) {
      return;
    }
    var bar = barAt(svg, event.clientX);
    if (bar) {
      brush = { svg: svg, start: bar, end: bar, moved: false };
    }
  });

  doc.addEventListener("pointermove", function (event) {
    if (!brush) {
      return;
    }
    var bar = barAt(brush.svg, event.clientX);
    if (bar && bar !== brush.end) {
      brush.end = bar;
      brush.moved = brush.moved || bar !== brush.start;
      brushSpan();
      event.preventDefault();
    }
  });

  doc.addEventListener("pointerup", function () {
    if (!brush) {
      return;
    }
    var done = brush;
    var span = brushSpan();
    brush = null;
    var form = done.svg.closest("form");
    if (!done.moved || !form || !form.elements.from || !form.elements.to) {
      return;
    }
    swallowClick = true;
    setTimeout(function () { swallowClick = false; }, 0);
    form.elements.from.value = span[0].getAttribute("data-from");
    form.elements.to.value = span[1].getAttribute("data-to");
    form.querySelectorAll('input[name="year"]').forEach(function (box) { box.checked = false; });
    if (form.requestSubmit) {
      form.requestSubmit();
    } else {
      form.submit();
    }
  });

  doc.addEventListener("dragstart", function (event) {
    if (event.target.closest && event.target.closest("svg.brush")) {
      event.preventDefault();  /* a bar is a link: dragging it would drag the link, not the range */
    }
  });

  doc.addEventListener("pointercancel", function () {
    if (brush) {
      brush.moved = false;
      brushSpan();
      brush = null;
    }
  });

  doc.addEventListener("click", function (event) {
    if (swallowClick) {
      event.preventDefault();
      event.stopPropagation();
      swallowClick = false;
    }
  }, true);
}());
