(function () {
  "use strict";
  // Pages, filters and citations of the report. Items past a section's first page are
  // escaped HTML strings in the section's JSON block, made into elements on demand.
  var doc = document;
  var ENTITIES = { "&lt;": "<", "&gt;": ">", "&amp;": "&", "&#34;": "\"", "&#39;": "'", "&quot;": "\"" };

  function plain(html) {
    return html.replace(/<[^>]*>/g, " ").replace(/&(?:lt|gt|amp|#34|#39|quot);/g, function (m) {
      return ENTITIES[m];
    });
  }

  function number(n) {
    return n.toLocaleString("en");
  }

  function Section(element) {
    this.element = element;
    this.list = element.querySelector(".items");
    this.pager = element.querySelector(".pager");
    this.size = Number(element.getAttribute("data-page-size")) || 50;
    this.total = Number(element.getAttribute("data-total")) || 0;
    this.findings = element.classList.contains("findings");
    this.items = Array.prototype.slice.call(this.list.children);
    this.eager = this.items.length;
    this.more = null;
    this.texts = [];
    this.matches = null;
    this.page = 0;
  }

  Section.prototype.data = function () {
    if (this.more === null) {
      var block = this.element.querySelector("script.more");
      this.more = block ? JSON.parse(block.textContent) : [];
    }
    return this.more;
  };

  Section.prototype.item = function (index) {
    var element = this.items[index];
    if (!element) {
      var holder = doc.createElement("template");
      holder.innerHTML = this.data()[index - this.eager];
      element = holder.content.firstElementChild;
      this.items[index] = element;
    }
    return element;
  };

  Section.prototype.text = function (index) {
    var text = this.texts[index];
    if (text === undefined) {
      var element = this.items[index];
      text = (element ? element.textContent : plain(this.data()[index - this.eager])).toLowerCase();
      this.texts[index] = text;
    }
    return text;
  };

  Section.prototype.count = function () {
    return this.matches ? this.matches.length : this.total;
  };

  Section.prototype.show = function (page) {
    var count = this.count();
    var pages = Math.max(1, Math.ceil(count / this.size));
    this.page = Math.min(Math.max(page, 0), pages - 1);
    var from = this.page * this.size;
    var to = Math.min(count, from + this.size);
    var fragment = doc.createDocumentFragment();
    for (var k = from; k < to; k++) {
      fragment.appendChild(this.item(this.matches ? this.matches[k] : k));
    }
    this.list.replaceChildren(fragment);
    this.drawPager(from, to, count, pages);
  };

  Section.prototype.drawPager = function (from, to, count, pages) {
    var self = this;
    var pager = this.pager;
    pager.replaceChildren();
    if (pages < 2 && !this.matches) {
      pager.hidden = true;
      return;
    }
    pager.hidden = false;
    if (count === 0) {
      pager.textContent = "Nothing here matches the filter.";
      return;
    }
    function button(label, page, enabled) {
      var control = doc.createElement("button");
      control.type = "button";
      control.textContent = label;
      control.disabled = !enabled;
      control.addEventListener("click", function () {
        self.show(page);
        self.element.scrollIntoView({ block: "start" });
      });
      return control;
    }
    pager.appendChild(button("‹ Previous", this.page - 1, this.page > 0));
    var range = to === from + 1 ? number(to) : number(from + 1) + "–" + number(to);
    var shown = " " + range + " of " + number(count);
    pager.appendChild(doc.createTextNode(shown + (this.matches ? " matching " : " ")));
    pager.appendChild(button("Next ›", this.page + 1, this.page < pages - 1));
  };

  Section.prototype.reveal = function (index) {
    if (index < 0 || index >= this.total) return;
    if (this.matches && this.matches.indexOf(index) < 0) this.matches = null;
    var position = this.matches ? this.matches.indexOf(index) : index;
    var page = Math.floor(position / this.size);
    if (page !== this.page || !this.items[index] || !this.items[index].isConnected) this.show(page);
  };

  var sections = Array.prototype.map.call(doc.querySelectorAll("main > section.group"), function (element) {
    return new Section(element);
  });
  var sources = sections.filter(function (section) { return section.element.id === "sources"; })[0];
  sections.forEach(function (section) {
    if (section.total > section.eager) section.drawPager(0, section.eager, section.total, Math.ceil(section.total / section.size));
  });

  // Filter: every word typed must occur in a finding; one verdict or all.
  var find = doc.getElementById("find");
  var query = doc.getElementById("q");
  var only = doc.getElementById("only");
  var found = doc.getElementById("found");
  function filter() {
    var words = query.value.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    sections.forEach(function (section) {
      if (!section.findings) return;
      var visible = !only.value || only.value === section.element.id;
      section.element.hidden = !visible;
      if (words.length) {
        var matches = [];
        for (var i = 0; i < section.total; i++) {
          var text = section.text(i);
          if (words.every(function (word) { return text.indexOf(word) >= 0; })) matches.push(i);
        }
        section.matches = matches;
      } else {
        section.matches = null;
      }
      section.show(0);
      if (visible) shown += section.count();
    });
    found.textContent = words.length || only.value
      ? (shown === 1 ? "1 finding matches" : number(shown) + " findings match")
      : "";
  }
  var pending = null;
  query.addEventListener("input", function () {
    clearTimeout(pending);
    pending = setTimeout(filter, 150);
  });
  only.addEventListener("change", filter);
  find.hidden = false;

  // Citations: open the sentence in its source, the source's title in view, and a way back.
  var back = doc.getElementById("back");
  var backLink = back.querySelector("a");
  var origin = null;

  function target(id) {
    var element = doc.getElementById(id);
    if (element) return element;
    var match = /^src(\d+)(?:-|$)/.exec(id);
    if (!match || !sources) return null;
    sources.reveal(Number(match[1]));
    return doc.getElementById(id);
  }

  function place(element) {
    var source = element.closest("article.source");
    var box = element.closest(".text");
    if (source) source.scrollIntoView({ block: "start" });
    if (box) box.scrollTop = Math.max(0, element.offsetTop - box.clientHeight / 3);
  }

  function open(id) {
    var element = target(id);
    if (!element) return false;
    if (location.hash !== "#" + id) location.hash = id;
    place(element);
    return true;
  }

  doc.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a") : null;
    if (!link) return;
    var href = link.getAttribute("href") || "";
    if (link.classList.contains("cite") && href.charAt(0) === "#") {
      var card = link.closest(".finding");
      if (!open(href.slice(1))) return;
      event.preventDefault();
      if (card) {
        var section = sections.filter(function (s) { return s.element.contains(card); })[0];
        origin = { card: card, section: section, index: section ? section.items.indexOf(card) : -1 };
        var heading = card.querySelector(".heading");
        backLink.href = "#" + card.id;
        backLink.textContent = "← Back to " + (heading ? heading.textContent : "the finding");
        back.hidden = false;
      }
    } else if (link.parentNode === back) {
      if (origin && !origin.card.isConnected && origin.section) origin.section.reveal(origin.index);
      if (origin && origin.card.tagName === "DETAILS") origin.card.open = true;
      back.hidden = true;
      origin = null;
    }
  });

  function follow() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (id && !doc.getElementById(id)) open(id);
  }
  window.addEventListener("hashchange", follow);
  if (location.hash) follow();
})();
