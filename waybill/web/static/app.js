/* waybill serve: the page's script. Served by waybill itself; talks only to this server.
   Files are sent one at a time to /api/mask; results (masked file, previews, masked areas) stay in
   this tab's memory until "Clear results" or the tab is closed. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("waybill-data").textContent);
  var S = data.strings;
  var token = (document.querySelector('meta[name="waybill-token"]') || {}).content || "";
  var SVGNS = "http://www.w3.org/2000/svg";

  var els = {
    pick: document.getElementById("pick"),
    camera: document.getElementById("camera"),
    drop: document.getElementById("drop"),
    results: document.getElementById("results"),
    status: document.getElementById("status"),
    empty: document.getElementById("empty"),
    outlines: document.getElementById("outlines"),
    all: document.getElementById("download-all"),
    clear: document.getElementById("clear"),
    redo: document.getElementById("redo")
  };

  var queue = [];       // {file, card, preset}
  var busy = false;
  var done = [];        // {file, name, download, blob, url, card}
  var sent = [];        // every File sent, for "mask again"
  var batch = {n: 0, ok: 0};

  function fmt(s, params) {
    return String(s).replace(/\{(\w+)\}/g, function (m, k) {
      return params && params[k] !== undefined ? params[k] : m;
    });
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function preset() {
    var r = document.querySelector('input[name="preset"]:checked');
    return r ? r.value : "dispose";
  }

  function presetName(p) {
    return S["preset_" + p] || p;
  }

  function say(msg) {
    els.status.textContent = msg;
  }

  function typeName(t) {
    return S["type_" + t] || S.type_other;
  }

  var ORDER = ["name", "phone", "phone_intl", "landline", "virtual_phone", "address_region", "address", "id_card",
               "email", "tracking", "code_2d", "graphic", "uncertain_text"];

  function rank(t) {
    var i = ORDER.indexOf(t);
    return i < 0 ? ORDER.length : i;
  }

  function mb(n) {
    return (Math.round(n / 1048576 * 10) / 10).toString();
  }

  // ------------------------------------------------------------------ adding files

  function addFiles(list) {
    var files = Array.prototype.slice.call(list || []);
    if (!files.length) return;
    var p = preset();
    files.forEach(function (f) {
      sent.push(f);
      var card = newCard(f.name);
      batch.n += 1;
      if (f.size > data.max_bytes) {
        fail(card, f.name, fmt(S.err_too_large, {size: mb(f.size), max_mb: mb(data.max_bytes)}));
        return;
      }
      card.summary.textContent = fmt(S.queued, {name: f.name});
      queue.push({file: f, card: card, preset: p});
    });
    update();
    next();
  }

  function newCard(name) {
    var li = el("li", "result working");
    var h = el("h3", null, name);
    var summary = el("p", "summary");
    li.appendChild(h);
    li.appendChild(summary);
    els.results.appendChild(li);
    return {li: li, h: h, summary: summary};
  }

  function next() {
    if (busy || !queue.length) {
      if (!busy && batch.n) {
        say(fmt(S.all_done, {ok: batch.ok, n: batch.n}));
        batch = {n: 0, ok: 0};
      }
      return;
    }
    busy = true;
    var job = queue.shift();
    job.card.summary.textContent = fmt(S.working, {name: job.file.name});
    say(fmt(S.working, {name: job.file.name}));
    send(job).then(function () {
      busy = false;
      next();
    });
  }

  function send(job) {
    var body = new FormData();
    body.append("preset", job.preset);
    body.append("file", job.file, job.file.name);
    var headers = {"Accept": "application/json"};
    if (token) headers["X-Waybill-Token"] = token;
    return fetch("api/mask?lang=" + encodeURIComponent(data.lang), {
      method: "POST", body: body, headers: headers, credentials: "same-origin", cache: "no-store"
    }).then(function (resp) {
      return resp.json().then(function (j) { return {ok: resp.ok, status: resp.status, json: j}; },
                              function () { return {ok: false, status: resp.status, json: null}; });
    }).then(function (r) {
      if (r.ok && r.json && r.json.data) {
        show(job, r.json);
        batch.ok += 1;
      } else {
        var msg = r.json && r.json.error ? r.json.error.message : S.err_other.replace("{detail}", "HTTP " + r.status);
        fail(job.card, job.file.name, msg);
      }
    }, function () {
      fail(job.card, job.file.name, S.err_network);
    }).then(update);
  }

  function fail(card, name, message) {
    card.li.className = "result error";
    card.li.setAttribute("role", "alert");
    card.h.textContent = fmt(S.failed, {name: name});
    card.summary.textContent = "";
    card.summary.appendChild(el("span", "message", message));
    update();
  }

  // ------------------------------------------------------------------ showing a result

  function b64bytes(b64) {
    var bin = atob(b64);
    var out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }

  function show(job, r) {
    var card = job.card;
    card.li.className = "result";
    card.h.textContent = r.name;
    var parts = Object.keys(r.counts).sort(function (a, b) { return rank(a) - rank(b) || (a < b ? -1 : 1); })
      .map(function (t) { return fmt(S.count_item, {type: typeName(t), n: r.counts[t]}); });
    card.summary.textContent = r.total ? fmt(S.found, {total: r.total, list: parts.join(S.list_sep)}) : S.found_none;
    var meta = el("p", "small", fmt(S.preset_used, {preset: presetName(r.preset)}));
    card.li.appendChild(meta);

    var pair = el("div", "pair");
    var left = el("figure"), right = el("figure");
    left.appendChild(el("figcaption", null, S.original));
    right.appendChild(el("figcaption", null, S.masked));
    r.pages.forEach(function (p) {
      left.appendChild(page(p, "original", r, job));
      right.appendChild(page(p, "masked", r, job));
    });
    pair.appendChild(left);
    pair.appendChild(right);
    card.li.appendChild(pair);
    if (r.page_count > r.pages.length) {
      card.li.appendChild(el("p", "small", fmt(S.pages_more, {shown: r.pages.length, n: r.page_count})));
    }

    var blob = new Blob([b64bytes(r.data)], {type: r.mime});
    var url = URL.createObjectURL(blob);
    var actions = el("div", "actions");
    var a = el("a", "button primary download", S.download);
    a.href = url;
    a.download = r.download;
    a.setAttribute("aria-label", S.download + " " + r.download);
    actions.appendChild(a);
    actions.appendChild(el("span", "small", r.download));
    card.li.appendChild(actions);
    done.push({name: r.download, blob: blob, url: url, card: card});
    say(fmt(S.done, {name: r.name}));
  }

  function page(p, which, r, job) {
    var wrap = el("div", "page");
    if (r.pages.length > 1) wrap.appendChild(el("p", "page-label", fmt(S.page_n, {n: p.n})));
    var frame = el("div", "frame");
    var img = el("img");
    var bytes = b64bytes(p[which]);
    var url = URL.createObjectURL(new Blob([bytes], {type: "image/jpeg"}));
    img.src = url;
    img.width = p.width;
    img.height = p.height;
    img.alt = fmt(which === "original" ? S.alt_original : S.alt_masked, {name: r.name, n: p.n});
    frame.appendChild(img);
    var svg = document.createElementNS(SVGNS, "svg");
    svg.setAttribute("viewBox", "0 0 " + p.width + " " + p.height);
    svg.setAttribute("preserveAspectRatio", "none");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    p.areas.forEach(function (a) {
      ["halo", "area"].forEach(function (cls) {
        var rect = document.createElementNS(SVGNS, "rect");
        rect.setAttribute("class", cls);
        rect.setAttribute("x", a.x);
        rect.setAttribute("y", a.y);
        rect.setAttribute("width", a.w);
        rect.setAttribute("height", a.h);
        rect.setAttribute("vector-effect", "non-scaling-stroke");
        if (cls === "area") {
          rect.setAttribute("data-types", a.types.join(" "));
          var title = document.createElementNS(SVGNS, "title");
          title.textContent = a.types.map(typeName).join(", ");
          rect.appendChild(title);
        }
        svg.appendChild(rect);
      });
    });
    frame.appendChild(svg);
    wrap.appendChild(frame);
    (job.urls = job.urls || []).push(url);
    previews.push(url);
    return wrap;
  }

  var previews = [];

  // ------------------------------------------------------------------ zip (stored, no compression)

  var CRC = (function () {
    var t = new Uint32Array(256);
    for (var n = 0; n < 256; n++) {
      var c = n;
      for (var k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1;
      t[n] = c >>> 0;
    }
    return t;
  })();

  function crc32(bytes) {
    var c = 0xFFFFFFFF;
    for (var i = 0; i < bytes.length; i++) c = CRC[(c ^ bytes[i]) & 0xFF] ^ (c >>> 8);
    return (c ^ 0xFFFFFFFF) >>> 0;
  }

  function zip(entries) {  // entries: [{name, bytes}] -> Blob
    var enc = new TextEncoder();
    var d = new Date();
    var time = (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1);
    var date = ((d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate();
    var parts = [], central = [], offset = 0;
    entries.forEach(function (e) {
      var name = enc.encode(e.name), crc = crc32(e.bytes), size = e.bytes.length;
      var h = new DataView(new ArrayBuffer(30));
      h.setUint32(0, 0x04034b50, true); h.setUint16(4, 20, true); h.setUint16(6, 0x0800, true);
      h.setUint16(8, 0, true); h.setUint16(10, time, true); h.setUint16(12, date, true);
      h.setUint32(14, crc, true); h.setUint32(18, size, true); h.setUint32(22, size, true);
      h.setUint16(26, name.length, true); h.setUint16(28, 0, true);
      parts.push(h.buffer, name, e.bytes);
      var c = new DataView(new ArrayBuffer(46));
      c.setUint32(0, 0x02014b50, true); c.setUint16(4, 20, true); c.setUint16(6, 20, true);
      c.setUint16(8, 0x0800, true); c.setUint16(10, 0, true); c.setUint16(12, time, true);
      c.setUint16(14, date, true); c.setUint32(16, crc, true); c.setUint32(20, size, true);
      c.setUint32(24, size, true); c.setUint16(28, name.length, true);
      c.setUint32(42, offset, true);
      central.push(c.buffer, name);
      offset += 30 + name.length + size;
    });
    var csize = central.reduce(function (s, b) { return s + b.byteLength; }, 0);
    var end = new DataView(new ArrayBuffer(22));
    end.setUint32(0, 0x06054b50, true); end.setUint16(8, entries.length, true);
    end.setUint16(10, entries.length, true); end.setUint32(12, csize, true); end.setUint32(16, offset, true);
    return new Blob(parts.concat(central, [end.buffer]), {type: "application/zip"});
  }

  function downloadAll() {
    var seen = {};
    Promise.all(done.map(function (d) {
      return d.blob.arrayBuffer().then(function (buf) {
        var name = d.name, n = 2;
        while (seen[name]) {
          var dot = d.name.lastIndexOf(".");
          name = dot > 0 ? d.name.slice(0, dot) + "~" + n + d.name.slice(dot) : d.name + "~" + n;
          n += 1;
        }
        seen[name] = true;
        return {name: name, bytes: new Uint8Array(buf)};
      });
    })).then(function (entries) {
      var url = URL.createObjectURL(zip(entries));
      var a = el("a");
      a.href = url;
      a.download = "waybill-masked.zip";
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
    });
  }

  // ------------------------------------------------------------------ page state

  function update() {
    var any = els.results.children.length > 0;
    els.empty.hidden = any;
    els.clear.hidden = !any;
    els.all.hidden = done.length < 2;
    updateRedo();
  }

  function updateRedo() {
    var p = preset();
    els.redo.hidden = !(sent.length && lastPreset && lastPreset !== p);
    els.redo.textContent = fmt(S.redo, {preset: presetName(p)});
  }

  var lastPreset = null;

  function clearAll() {
    done.forEach(function (d) { URL.revokeObjectURL(d.url); });
    previews.forEach(function (u) { URL.revokeObjectURL(u); });
    done = [];
    previews = [];
    queue = [];
    sent = [];
    lastPreset = null;
    els.results.textContent = "";
    say("");
    update();
  }

  els.pick.addEventListener("change", function () {
    lastPreset = preset();
    addFiles(els.pick.files);
    els.pick.value = "";
  });
  els.camera.addEventListener("change", function () {
    lastPreset = preset();
    addFiles(els.camera.files);
    els.camera.value = "";
  });
  ["dragenter", "dragover"].forEach(function (ev) {
    els.drop.addEventListener(ev, function (e) {
      e.preventDefault();
      els.drop.classList.add("over");
    });
  });
  ["dragleave", "drop"].forEach(function (ev) {
    els.drop.addEventListener(ev, function (e) {
      e.preventDefault();
      els.drop.classList.remove("over");
    });
  });
  els.drop.addEventListener("drop", function (e) {
    if (e.dataTransfer && e.dataTransfer.files) {
      lastPreset = preset();
      addFiles(e.dataTransfer.files);
    }
  });
  // a file dropped beside the drop zone must not make the browser open it instead
  window.addEventListener("dragover", function (e) { e.preventDefault(); });
  window.addEventListener("drop", function (e) { e.preventDefault(); });

  els.outlines.addEventListener("change", function () {
    els.results.classList.toggle("no-outlines", !els.outlines.checked);
  });
  els.all.addEventListener("click", downloadAll);
  els.clear.addEventListener("click", clearAll);
  document.querySelectorAll('input[name="preset"]').forEach(function (r) {
    r.addEventListener("change", updateRedo);
  });
  els.redo.addEventListener("click", function () {
    var files = sent.slice();
    clearAll();
    lastPreset = preset();
    addFiles(files);
  });
  update();
})();
