/* tei-encoder reading-edition viewer.
 *
 * CETEIcean turns the TEI into custom elements (tei-div, tei-persname, ...);
 * this script only adds to that DOM: it never creates tei-* elements, so the
 * rendered elements stay one-to-one with the TEI's. Display choices (reading
 * or diplomatic text, page markers, name highlighting) are CSS classes on
 * <body>; this script builds the navigation around the text: contents, the
 * index of names, the name card and the metadata panel.
 */
(function () {
  "use strict";

  var config = JSON.parse(document.getElementById("tei-viewer-config").textContent);
  var statusBox = document.getElementById("status");
  var textBox = document.getElementById("text");
  var generatedIds = 0;

  var KINDS = [
    { key: "person", label: "People", one: "Person" },
    { key: "org", label: "Organisations", one: "Organisation" },
    { key: "state", label: "States", one: "State" },
    { key: "place", label: "Places", one: "Place" },
  ];

  /* Authority idno types the card turns into links. */
  var AUTHORITIES = {
    wikidata: ["Wikidata", "https://www.wikidata.org/wiki/"],
    viaf: ["VIAF", "https://viaf.org/viaf/"],
    geonames: ["GeoNames", "https://www.geonames.org/"],
    gnd: ["GND", "https://d-nb.info/gnd/"],
    lcnaf: ["Library of Congress", "https://id.loc.gov/authorities/names/"],
    tgn: ["Getty TGN", "http://vocab.getty.edu/page/tgn/"],
  };

  function fail(message) {
    statusBox.textContent = "The text could not be shown: " + message;
    statusBox.classList.add("error");
    document.body.setAttribute("data-ready", "error");
  }

  function loadTei() {
    if (typeof config.tei === "string") {
      return Promise.resolve(config.tei);
    }
    return fetch(config.url).then(function (response) {
      if (!response.ok) {
        throw new Error("fetching " + config.url + " gave " + response.status + " " + response.statusText);
      }
      return response.text();
    });
  }

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") e.textContent = attrs[k];
      else if (k === "className") e.className = attrs[k];
      else e.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) {
      if (c !== null && c !== undefined) e.append(c);
    });
    return e;
  }

  function plural(n, word) {
    return n + " " + word + (n === 1 ? "" : "s");
  }

  function fold(s) {
    return s.replace(/\s+/g, " ").trim();
  }

  /* The reading text of a rendered element: corrections applied, printed
   * hyphens and page furniture dropped, words cut at line ends joined. */
  function readingText(node) {
    var copy = node.cloneNode(true);
    copy.querySelectorAll("tei-sic, tei-pc[force=weak], tei-fw, tei-note, .eol-space").forEach(function (x) {
      x.remove();
    });
    return fold(copy.textContent);
  }

  function first(root, selector) {
    return root ? root.querySelector(selector) : null;
  }

  function textOf(root, selector) {
    var e = first(root, selector);
    return e ? fold(e.textContent) : "";
  }

  /* ---------- rendering ---------- */

  function render(xml) {
    var parsed = new DOMParser().parseFromString(xml, "text/xml");
    var error = parsed.getElementsByTagName("parsererror")[0];
    if (error) {
      throw new Error("the file is not well-formed XML: " + fold(error.textContent));
    }
    if (typeof CETEI === "undefined") {
      throw new Error("CETEIcean did not load");
    }
    var cetei = new CETEI();
    var dom = cetei.domToHTML5(parsed);
    textBox.appendChild(dom);
    var tei = textBox.querySelector("tei-tei");
    if (!tei) {
      throw new Error("no TEI element in the file (is it in the TEI namespace?)");
    }
    var header = first(tei, "tei-teiheader");
    var standoff = first(tei, "tei-standoff");
    var text = first(tei, "tei-text") || tei;

    labelRegions(text);
    markPageBreaks(text);
    markLineEnds(text);
    markCorrections(text);
    var entities = readStandoff(standoff);
    var mentions = markNames(text, entities);
    buildToc(text);
    buildIndex(entities, mentions);
    buildMetadata(header);
    setupNameCard(mentions);
    setupControls();

    statusBox.hidden = true;
    document.body.setAttribute("data-ready", "true");
    if (location.hash.length > 1) {
      var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
      if (target) target.scrollIntoView();
    }
  }

  /* Divisions are labelled by their heads, not by their ids. */
  function labelRegions(text) {
    text.querySelectorAll("tei-div, tei-front, tei-body, tei-back").forEach(function (d) {
      var head = null;
      for (var i = 0; i < d.children.length; i++) {
        if (d.children[i].localName === "tei-head") head = d.children[i];
      }
      d.removeAttribute("aria-label");
      if (head) {
        if (!head.id) head.id = "head-" + ++generatedIds;
        head.setAttribute("role", "heading");
        var level = Math.min(6, 1 + parseInt(head.getAttribute("data-level") || "1", 10));
        head.setAttribute("aria-level", String(level));
        d.setAttribute("aria-labelledby", head.id);
      } else if (d.localName !== "tei-div") {
        d.removeAttribute("role");
      } else {
        d.setAttribute("aria-label", divisionLabel(d));
      }
    });
    var titlePage = first(text, "tei-titlepage");
    if (titlePage && !titlePage.id) titlePage.id = "title-page";
  }

  function divisionLabel(div) {
    var type = div.getAttribute("type");
    if (type) return type.charAt(0).toUpperCase() + type.slice(1).replace(/[-_]/g, " ");
    var words = readingText(div).split(" ").slice(0, 6).join(" ");
    return words ? words + "…" : "Untitled section";
  }

  /* Page markers: the label is the page number; inferred numbers say so. */
  function markPageBreaks(text) {
    text.querySelectorAll("tei-pb").forEach(function (pb) {
      var n = pb.getAttribute("n");
      var inferred = pb.hasAttribute("cert");
      pb.setAttribute("data-label", n ? "p. " + n + (inferred ? "?" : "") : "page");
      pb.setAttribute("role", "separator");
      pb.setAttribute(
        "aria-label",
        n ? "Page " + n + (inferred ? " (number inferred, certainty " + pb.getAttribute("cert") + ")" : "") : "Page break"
      );
      pb.title = pb.getAttribute("aria-label");
      if (inferred) pb.classList.add("inferred");
      var next = pb.nextSibling;
      while (next && next.nodeType === 3 && !next.textContent.trim()) next = next.nextSibling;
      if (next && next.localName === "tei-lb" && next.getAttribute("break") === "no") {
        pb.classList.add("in-word");
      }
    });
  }

  /* Before a line beginning that continues a word (lb break="no"), the space
   * that ends the previous line belongs to the diplomatic text only. */
  function markLineEnds(text) {
    text.querySelectorAll('tei-lb[break="no"]').forEach(function (lb) {
      var prev = lb.previousSibling;
      while (prev && prev.nodeType === 1 && prev.localName === "tei-pb") prev = prev.previousSibling;
      if (!prev || prev.nodeType !== 3) return;
      var m = prev.textContent.match(/\s+$/);
      if (!m) return;
      var keep = prev.textContent.slice(0, prev.textContent.length - m[0].length);
      prev.textContent = keep;
      prev.after(el("span", { className: "eol-space", "aria-hidden": "true", text: m[0] }));
    });
  }

  /* Corrections say what the OCR read and why the reading differs. */
  function markCorrections(text) {
    text.querySelectorAll("tei-choice").forEach(function (choice) {
      var sic = first(choice, "tei-sic");
      var corr = first(choice, "tei-corr");
      if (!sic || !corr) return;
      var why = [corr.getAttribute("type"), corr.getAttribute("cert") ? "certainty " + corr.getAttribute("cert") : ""]
        .filter(Boolean)
        .join(", ");
      choice.title = "Printed (OCR): \u201c" + sic.textContent + "\u201d \u2192 reading: \u201c" + corr.textContent + "\u201d" + (why ? " (" + why + ")" : "");
    });
  }

  /* ---------- names ---------- */

  function kindOf(e) {
    if (e.getAttribute("type") === "state") return "state";
    var name = e.localName.replace(/^tei-/, "");
    if (name === "persname" || name === "person") return "person";
    if (name === "orgname" || name === "org") return "org";
    return "place";
  }

  function authorityLinks(entry) {
    var links = [];
    if (!entry) return links;
    entry.querySelectorAll("tei-idno").forEach(function (idno) {
      var value = fold(idno.textContent);
      var type = (idno.getAttribute("type") || "").toLowerCase();
      if (/^https?:\/\//.test(value)) {
        links.push({ label: (AUTHORITIES[type] ? AUTHORITIES[type][0] : type || "Authority") + " record", href: value });
      } else if (AUTHORITIES[type]) {
        links.push({ label: AUTHORITIES[type][0] + " " + value, href: AUTHORITIES[type][1] + encodeURIComponent(value) });
      }
    });
    ["sameAs", "ref"].forEach(function (a) {
      (entry.getAttribute(a) || "").split(/\s+/).forEach(function (u) {
        if (/^https?:\/\//.test(u)) links.push({ label: u.replace(/^https?:\/\//, ""), href: u });
      });
    });
    return links;
  }

  function readStandoff(standoff) {
    var entities = new Map();
    if (!standoff) return entities;
    standoff.querySelectorAll("tei-person[id], tei-org[id], tei-place[id]").forEach(function (entry) {
      var kind = kindOf(entry);
      var nameEl =
        first(entry, ':scope > [type="normalised"], :scope > [type="normalized"]') ||
        first(entry, ":scope > tei-persname, :scope > tei-orgname, :scope > tei-placename");
      var name = nameEl ? fold(nameEl.textContent) : entry.id;
      var surname = textOf(entry, "tei-surname");
      entities.set(entry.id, {
        id: entry.id,
        kind: kind,
        name: name,
        sortKey: (surname ? surname + " " + name : name).toLowerCase(),
        cert: entry.getAttribute("cert"),
        links: authorityLinks(entry),
        mentions: [],
      });
    });
    return entities;
  }

  /* Each mention in the text: highlighted by kind, focusable, tied to its
   * standoff entry (or to an entry made from its own text), with its page. */
  function markNames(text, entities) {
    var mentions = [];
    var page = null;
    var walker = document.createTreeWalker(text, NodeFilter.SHOW_ELEMENT);
    var count = 0;
    for (var node = walker.currentNode; node; node = walker.nextNode()) {
      var tag = node.localName;
      if (tag === "tei-pb") {
        page = node.getAttribute("n") || page;
        continue;
      }
      if (tag !== "tei-persname" && tag !== "tei-orgname" && tag !== "tei-placename") continue;
      if (node.parentElement.closest("tei-persname, tei-orgname, tei-placename")) continue;
      count += 1;
      var ref = (node.getAttribute("ref") || "").split(/\s+/)[0];
      var id = ref.charAt(0) === "#" ? ref.slice(1) : "";
      var entity = entities.get(id);
      if (!entity) {
        var own = readingText(node);
        var key = "unlisted:" + kindOf(node) + ":" + own;
        entity = entities.get(key);
        if (!entity) {
          entity = { id: key, kind: kindOf(node), name: own, sortKey: own.toLowerCase(), cert: null, links: [], mentions: [], unlisted: true };
          entities.set(key, entity);
        }
      }
      if (!node.id) node.id = "mention-" + count;
      node.classList.add("name", "name-" + entity.kind);
      node.setAttribute("tabindex", "0");
      var mention = { el: node, entity: entity, page: page, index: entity.mentions.length };
      entity.mentions.push(mention);
      mentions.push(mention);
    }
    return mentions;
  }

  /* ---------- contents ---------- */

  function buildToc(text) {
    var toc = document.getElementById("toc");
    var list = el("ol", { className: "toc-list" });
    var titlePage = first(text, "tei-titlepage");
    function walk(container, into) {
      Array.prototype.forEach.call(container.children, function (child) {
        if (child.localName === "tei-titlepage") {
          into.append(el("li", {}, [el("a", { href: "#" + child.id, text: "Title page" })]));
        } else if (child.localName === "tei-div") {
          if (!child.id) child.id = "div-" + ++generatedIds;
          var head = first(child, ":scope > tei-head");
          var label = head ? readingText(head).replace(/[;:.,]+$/, "") : divisionLabel(child);
          var item = el("li", { className: head ? "" : "untitled" }, [el("a", { href: "#" + child.id, text: label })]);
          var sub = el("ol");
          walk(child, sub);
          if (sub.children.length) item.append(sub);
          into.append(item);
        } else if (["tei-front", "tei-body", "tei-back"].indexOf(child.localName) >= 0) {
          walk(child, into);
        }
      });
    }
    walk(text, list);
    if (!list.children.length) {
      toc.append(el("p", { className: "empty", text: "The text has no divisions." }));
    } else {
      toc.append(list);
    }
    return titlePage;
  }

  /* ---------- index of names ---------- */

  function buildIndex(entities, mentions) {
    var box = document.getElementById("name-index");
    var used = Array.from(entities.values()).filter(function (e) {
      return e.mentions.length > 0;
    });
    if (!used.length) {
      box.append(el("p", { className: "empty", text: "No names are tagged in this text." }));
      return;
    }
    var summary = el("p", { className: "index-summary" });
    summary.textContent = plural(mentions.length, "mention") + " of " + plural(used.length, "name") + ".";
    box.append(summary);
    KINDS.forEach(function (kind) {
      var ofKind = used.filter(function (e) {
        return e.kind === kind.key;
      });
      if (!ofKind.length) return;
      ofKind.sort(function (a, b) {
        return a.sortKey.localeCompare(b.sortKey);
      });
      var total = ofKind.reduce(function (n, e) {
        return n + e.mentions.length;
      }, 0);
      var headingId = "index-" + kind.key;
      var section = el("section", { className: "index-kind", "aria-labelledby": headingId }, [
        el("h3", { id: headingId }, [el("span", { className: "swatch name-" + kind.key, "aria-hidden": "true" }), kind.label + " ", el("span", { className: "count", text: "(" + plural(ofKind.length, "name") + ", " + plural(total, "mention") + ")" })]),
      ]);
      var list = el("ul", { className: "index-list" });
      ofKind.forEach(function (entity) {
        var details = el("details", { id: "index-entry-" + entity.id.replace(/[^A-Za-z0-9_-]/g, "_") });
        entity.indexId = details.id;
        details.append(
          el("summary", {}, [
            el("span", { className: "index-name", text: entity.name }),
            " ",
            el("span", { className: "count", "aria-label": entity.mentions.length + " mentions", text: String(entity.mentions.length) }),
          ])
        );
        var jumps = el("div", { className: "mention-links" });
        var seen = {};
        entity.mentions.forEach(function (m, i) {
          var label = m.page ? "p. " + m.page : "§" + (i + 1);
          seen[label] = (seen[label] || 0) + 1;
          if (seen[label] > 1) label += " (" + seen[label] + ")";
          jumps.append(el("a", { href: "#" + m.el.id, title: "Mention " + (i + 1) + " of " + entity.mentions.length, text: label }), " ");
        });
        details.append(jumps);
        entity.links.forEach(function (l) {
          details.append(el("a", { className: "authority", href: l.href, rel: "noopener", target: "_blank", text: l.label }));
        });
        list.append(el("li", {}, [details]));
      });
      section.append(list);
      box.append(section);
    });
  }

  /* ---------- the name card ---------- */

  function setupNameCard(mentions) {
    var card = document.getElementById("name-card");
    var current = null;
    var hideTimer = null;
    var byElement = new Map();
    mentions.forEach(function (m) {
      byElement.set(m.el, m);
    });

    function kindLabel(key) {
      for (var i = 0; i < KINDS.length; i++) if (KINDS[i].key === key) return KINDS[i].one;
      return key;
    }

    function fill(m) {
      var e = m.entity;
      card.replaceChildren();
      card.append(el("div", { className: "card-kind kind-" + e.kind, text: kindLabel(e.kind) + (e.unlisted ? " (not in the standoff list)" : "") }));
      card.append(el("div", { className: "card-name", text: e.name }));
      if (e.cert) card.append(el("div", { className: "card-note", text: "Identification certainty: " + e.cert }));
      var links = el("div", { className: "card-links" });
      e.links.forEach(function (l) {
        links.append(el("a", { href: l.href, rel: "noopener", target: "_blank", text: l.label }));
      });
      if (!e.links.length) links.append(el("span", { className: "card-note", text: "No authority record." }));
      card.append(links);
      var nav = el("div", { className: "card-nav" }, [
        el("span", { text: "Mention " + (m.index + 1) + " of " + e.mentions.length + (m.page ? ", page " + m.page : "") }),
      ]);
      var next = e.mentions[m.index + 1];
      if (next) nav.append(" · ", el("a", { href: "#" + next.el.id, text: "next" }));
      if (e.indexId) nav.append(" · ", el("a", { href: "#" + e.indexId, "data-open": e.indexId, text: "index" }));
      card.append(nav);
    }

    function show(m) {
      clearTimeout(hideTimer);
      if (current && current !== m) current.el.removeAttribute("aria-describedby");
      current = m;
      fill(m);
      card.hidden = false;
      m.el.setAttribute("aria-describedby", "name-card");
      var r = m.el.getBoundingClientRect();
      var width = card.offsetWidth;
      var left = Math.max(8, Math.min(r.left, document.documentElement.clientWidth - width - 8));
      var top = r.bottom + 6;
      if (top + card.offsetHeight > window.innerHeight && r.top - card.offsetHeight - 6 > 0) {
        top = r.top - card.offsetHeight - 6;
      }
      card.style.left = left + window.scrollX + "px";
      card.style.top = top + window.scrollY + "px";
    }

    function hide() {
      clearTimeout(hideTimer);
      card.hidden = true;
      if (current) current.el.removeAttribute("aria-describedby");
      current = null;
    }

    function hideSoon() {
      clearTimeout(hideTimer);
      hideTimer = setTimeout(hide, 300);
    }

    document.addEventListener("mouseover", function (ev) {
      var name = ev.target.closest && ev.target.closest(".name");
      if (name && byElement.has(name)) show(byElement.get(name));
      else if (ev.target.closest && ev.target.closest("#name-card")) clearTimeout(hideTimer);
    });
    document.addEventListener("mouseout", function (ev) {
      var from = ev.target.closest && ev.target.closest(".name, #name-card");
      var to = ev.relatedTarget && ev.relatedTarget.closest && ev.relatedTarget.closest(".name, #name-card");
      if (from && from !== to && document.activeElement !== (current && current.el)) hideSoon();
    });
    document.addEventListener("focusin", function (ev) {
      var name = ev.target.closest && ev.target.closest(".name");
      if (name && byElement.has(name)) show(byElement.get(name));
      else if (!card.contains(ev.target)) hide();
    });
    document.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape" && !card.hidden) {
        var back = current && current.el;
        hide();
        if (back && card.contains(document.activeElement)) back.focus();
        else if (back && document.activeElement === back) back.blur();
      } else if (ev.key === "Enter" && current && document.activeElement === current.el) {
        var link = card.querySelector("a");
        if (link) {
          ev.preventDefault();
          link.focus();
        }
      }
    });
    card.addEventListener("click", function (ev) {
      var open = ev.target.getAttribute && ev.target.getAttribute("data-open");
      if (open) {
        var details = document.getElementById(open);
        if (details) {
          details.open = true;
          var panel = document.getElementById("index-panel");
          if (panel) panel.open = true;
        }
      }
      if (ev.target.localName === "a" && ev.target.getAttribute("href").charAt(0) === "#") hide();
    });
    window.addEventListener("resize", hide);
  }

  /* ---------- metadata ---------- */

  function buildMetadata(header) {
    var box = document.getElementById("metadata");
    if (!header) {
      box.append(el("p", { className: "empty", text: "The file has no TEI header." }));
      return;
    }
    var rows = [];
    function row(label, value) {
      if (value === null || value === undefined || value === "") return;
      rows.push(el("dt", { text: label }), el("dd", {}, [value]));
    }
    function joined(parts) {
      return parts.filter(Boolean).join(", ");
    }

    var titleStmt = first(header, "tei-titlestmt");
    var mainTitle = textOf(titleStmt, 'tei-title[type="main"]') || textOf(titleStmt, "tei-title");
    if (mainTitle) {
      document.getElementById("doc-title").textContent = mainTitle;
      document.title = mainTitle;
    }
    row("Title", mainTitle);
    row("Subtitle", textOf(titleStmt, 'tei-title[type="sub"]'));
    var authors = Array.from(titleStmt ? titleStmt.querySelectorAll(":scope > tei-author") : []).map(function (a) {
      return fold(a.textContent);
    });
    row(authors.length > 1 ? "Authors" : "Author", authors.join("; "));

    var sourceDesc = first(header, "tei-sourcedesc");
    var printed = first(sourceDesc, ':scope > tei-bibl:not([type="digitalSource"])');
    if (printed) {
      row("Source", joined([textOf(printed, ":scope > tei-title"), textOf(printed, ":scope > tei-publisher"), textOf(printed, ":scope > tei-pubplace"), textOf(printed, ":scope > tei-date")]));
      row("Source note", textOf(printed, ":scope > tei-note"));
      var original = first(printed, "tei-relateditem tei-bibl");
      if (original) {
        row("Original", joined([textOf(original, "tei-title"), textOf(original, "tei-date"), textOf(original, "tei-pubplace")]));
      }
    } else if (sourceDesc && !first(sourceDesc, "tei-bibl")) {
      row("Source", fold(sourceDesc.textContent));
    }
    var digital = first(sourceDesc, ':scope > tei-bibl[type="digitalSource"]');
    if (digital) {
      row("Digital source", joined([textOf(digital, "tei-title"), textOf(digital, "tei-extent")]));
      digital.querySelectorAll("tei-idno[type]").forEach(function (idno) {
        var type = idno.getAttribute("type");
        var label = /^sha-?256$/i.test(type) ? "Checksum (SHA-256)" : /^md5$/i.test(type) ? "Checksum (MD5)" : "Identifier (" + type + ")";
        row(label, el("code", { className: "checksum", text: fold(idno.textContent) }));
      });
    }

    var pub = first(header, "tei-publicationstmt");
    if (pub) {
      var publisher = textOf(pub, ":scope > tei-publisher") || textOf(pub, ":scope > tei-distributor") || textOf(pub, ":scope > tei-authority");
      row("Publisher", joined([publisher, textOf(pub, ":scope > tei-pubplace")]));
      if (!publisher) row("Publication", textOf(pub, ":scope > tei-p"));
      var licence = first(pub, "tei-licence");
      if (licence) {
        var target = licence.getAttribute("target");
        row("Licence", target ? el("a", { href: target, rel: "noopener", target: "_blank", text: fold(licence.textContent) || target }) : fold(licence.textContent));
      }
    }
    var changes = Array.from(header.querySelectorAll("tei-revisiondesc tei-change"));
    var pubDate = first(pub, ":scope > tei-date");
    var encoded = changes.length ? changes[changes.length - 1] : null;
    var when = (encoded && encoded.getAttribute("when")) || (pubDate && (pubDate.getAttribute("when") || fold(pubDate.textContent)));
    var app = first(header, "tei-appinfo tei-application");
    var by = app ? joined([app.getAttribute("ident"), app.getAttribute("version")]).replace(", ", " ") : "";
    row("Encoded", joined([when, by ? "by " + by : ""]));

    var dl = el("dl", { className: "meta-list" });
    rows.forEach(function (r) {
      dl.append(r);
    });
    box.append(dl);

    var decl = first(header, "tei-editorialdecl");
    if (encoded || (decl && decl.children.length)) {
      var method = el("details", { className: "method" }, [el("summary", { text: "Encoding log and editorial method" })]);
      if (encoded) method.append(el("h4", { text: "Encoding log" }), el("p", { text: fold(encoded.textContent) }));
      Array.prototype.forEach.call(decl ? decl.children : [], function (part) {
        var name = part.getAttribute("data-origname") || "";
        method.append(el("h4", { text: name.charAt(0).toUpperCase() + name.slice(1) }), el("p", { text: fold(part.textContent) }));
      });
      box.append(method);
    }
  }

  /* ---------- controls ---------- */

  function setupControls() {
    var body = document.body;
    document.querySelectorAll('input[name="mode"]').forEach(function (radio) {
      radio.addEventListener("change", function () {
        if (!radio.checked) return;
        keepPlace(function () {
          body.classList.toggle("mode-reading", radio.value === "reading");
          body.classList.toggle("mode-diplomatic", radio.value === "diplomatic");
        });
      });
    });
    var names = document.getElementById("names-toggle");
    names.addEventListener("change", function () {
      body.classList.toggle("names-on", names.checked);
    });
    var narrow = window.matchMedia("(max-width: 60rem)");
    if (narrow.matches) {
      document.querySelectorAll(".sidebar details.panel").forEach(function (d) {
        d.open = false;
      });
    } else {
      document.getElementById("about").open = true;
    }
  }

  /* Switching text versions changes line lengths; keep the block at the top
   * of the window where it was. */
  function keepPlace(change) {
    var probe = document.elementFromPoint(textBox.getBoundingClientRect().left + 40, 120);
    var anchor = probe && probe.closest && probe.closest("tei-p, tei-head, tei-ab, tei-titlepart");
    var before = anchor ? anchor.getBoundingClientRect().top : 0;
    change();
    if (anchor) window.scrollBy(0, anchor.getBoundingClientRect().top - before);
  }

  try {
    loadTei()
      .then(render)
      .catch(function (e) {
        fail(e.message);
      });
  } catch (e) {
    fail(e.message);
  }
})();
