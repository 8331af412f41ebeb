// The inspector's page: one HTML document, one stylesheet and one script, served from the
// emulator itself (no CDN, works offline). Everything data-driven is written with textContent.

export const INSPECTOR_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>VirtFusion emulator inspector</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="inspector.css">
<script src="inspector.js" defer></script>
</head>
<body>
<header>
  <h1>VirtFusion emulator <span>inspector</span></h1>
  <p id="summary" aria-live="polite"></p>
</header>
<nav aria-label="Views">
  <a href="#servers" data-tab="servers">Servers</a>
  <a href="#journal" data-tab="journal">Journal</a>
  <a href="#webhooks" data-tab="webhooks">Webhooks</a>
  <a href="#faults" data-tab="faults">Faults</a>
  <a href="#clock" data-tab="clock">Clock</a>
</nav>
<main>
<section id="servers" hidden>
  <div class="scroll"><table><thead><tr><th>ID</th><th>Name</th><th>Owner</th><th class="wide">Package</th><th>State</th><th class="wide">Power</th><th>Build</th><th>Addresses</th></tr></thead><tbody></tbody></table></div>
  <div class="pager"></div>
</section>
<section id="journal" hidden>
  <form id="journal-filter" class="filters">
    <label>Route <input name="route" placeholder="route or path" autocomplete="off"></label>
    <label>Status <input name="status" placeholder="404 or 5xx" size="6" autocomplete="off"></label>
    <label>Server <input name="server" placeholder="id" size="5" inputmode="numeric" autocomplete="off"></label>
  </form>
  <p class="note" id="journal-note"></p>
  <div class="split">
    <div class="scroll"><table><thead><tr><th>#</th><th class="wide">Time</th><th>Method</th><th>Route</th><th>Status</th><th class="wide">ms</th><th>Fault</th></tr></thead><tbody></tbody></table></div>
    <aside id="journal-detail" hidden></aside>
  </div>
  <div class="pager"></div>
</section>
<section id="webhooks" hidden>
  <div class="split">
    <div class="scroll"><table><thead><tr><th>#</th><th>Event</th><th class="wide">Target</th><th>State</th><th>Attempts</th></tr></thead><tbody></tbody></table></div>
    <aside id="webhook-detail" hidden></aside>
  </div>
  <div class="pager"></div>
</section>
<section id="faults" hidden>
  <div class="scroll"><table><thead><tr><th>#</th><th>Kind</th><th>Method</th><th>Route</th><th>Chance</th><th>Times</th><th>Fired</th><th></th></tr></thead><tbody></tbody></table></div>
  <p><button type="button" class="quiet" id="faults-clear">Clear all rules</button></p>
  <h2>Add a rule</h2>
  <form id="fault-form" class="filters">
    <label>Kind <select name="kind" required></select></label>
    <label>Method <select name="method"><option value="">any</option><option>GET</option><option>POST</option><option>PUT</option><option>PATCH</option><option>DELETE</option></select></label>
    <label>Route <input name="route" placeholder="POST /servers or /servers/*" size="28" autocomplete="off"></label>
    <label>Chance <input name="probability" type="number" min="0" max="1" step="any" placeholder="1"></label>
    <label>Times <input name="times" type="number" min="0" step="1" placeholder="always"></label>
    <label>ms <input name="ms" type="number" min="0" step="1" placeholder="default"></label>
    <label>Retry-After <input name="retryAfter" type="number" min="0" step="1" placeholder="none"></label>
    <button type="submit">Add rule</button>
  </form>
  <p id="fault-error" class="error" role="alert"></p>
</section>
<section id="clock" hidden>
  <p id="clock-now" class="big"></p>
  <p id="clock-kind" class="note"></p>
  <form id="clock-form" class="filters">
    <button type="button" data-ms="1000">+1 s</button>
    <button type="button" data-ms="60000">+1 min</button>
    <button type="button" data-ms="300000">+5 min</button>
    <button type="button" data-ms="3600000">+1 h</button>
    <label>ms <input name="ms" type="number" min="0" step="1"></label>
    <button type="submit">Advance</button>
  </form>
  <p id="clock-error" class="error" role="alert"></p>
</section>
</main>
</body>
</html>
`;

export const INSPECTOR_CSS = `*{box-sizing:border-box}
body{margin:0;font:14px/1.4 system-ui,sans-serif;color:#1d2430;background:#f5f6f8}
header{display:flex;flex-wrap:wrap;align-items:baseline;gap:.25rem 1rem;padding:.6rem 1rem;background:#1d2b45;color:#fff}
h1{font-size:1.05rem;margin:0}h1 span{font-weight:400;opacity:.75}
#summary{margin:0;font-size:.85rem;opacity:.85}
nav{display:flex;flex-wrap:wrap;background:#fff;border-bottom:1px solid #d6dae1}
nav a{padding:.55rem .9rem;color:#1d2430;text-decoration:none;border-bottom:3px solid transparent}
nav a[aria-current=page]{border-color:#2f6fde;font-weight:600}
main{padding:.75rem 1rem}
h2{font-size:1rem;margin:1.2rem 0 .4rem}
.scroll{overflow-x:auto;background:#fff;border:1px solid #d6dae1;border-radius:4px}
table{border-collapse:collapse;width:100%}
th,td{padding:.35rem .5rem;text-align:left;border-bottom:1px solid #eceef2;vertical-align:top}
th{font-size:.75rem;text-transform:uppercase;color:#5b6475;white-space:nowrap}
tbody tr.click{cursor:pointer}tbody tr.click:hover,tbody tr.selected{background:#eef3fd}
td small{display:block;color:#5b6475}
.mono,td.mono{font-family:ui-monospace,monospace;font-size:.85em;word-break:break-all}
.tag{display:inline-block;padding:0 .4rem;border-radius:3px;background:#e4e7ec;font-size:.8rem;white-space:nowrap}
.s2{background:#d7f0de}.s3{background:#e4e7ec}.s4{background:#fde9c8}.s5,.s0{background:#f8d3d3}
progress{width:5rem;height:.6rem;accent-color:#2f6fde}
.filters{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end;margin-bottom:.5rem}
label{display:flex;flex-direction:column;font-size:.75rem;color:#5b6475}
input,select,button{font:inherit;padding:.3rem .45rem;border:1px solid #b9c0cc;border-radius:4px;background:#fff}
button{cursor:pointer;background:#2f6fde;color:#fff;border-color:#2f6fde}
button.quiet{background:#fff;color:#1d2430;border-color:#b9c0cc}
button:disabled{opacity:.45;cursor:default}
input[type=number]{width:7rem}
[aria-invalid=true]{border-color:#c62828;outline:1px solid #c62828}
.split{display:grid;gap:.75rem;align-items:start}
@media (min-width:1000px){.split.open{grid-template-columns:minmax(0,1.6fr) minmax(0,1fr)}}
aside{background:#fff;border:1px solid #d6dae1;border-radius:4px;padding:.5rem .75rem;min-width:0}
aside h3{font-size:.9rem;margin:.6rem 0 .2rem}
pre{margin:0;padding:.5rem;background:#f5f6f8;border-radius:4px;overflow:auto;max-height:24rem;font-size:.8rem;white-space:pre-wrap;word-break:break-all}
.pager{display:flex;gap:.5rem;align-items:center;margin-top:.5rem}
.note{color:#5b6475;font-size:.85rem;margin:.25rem 0}
.error{color:#c62828;min-height:1.2em}
.big{font-size:1.4rem;margin:.25rem 0}
@media (max-width:640px){.wide{display:none}main{padding:.5rem}th,td{padding:.3rem}nav a{padding:.5rem .55rem}}
`;

export const INSPECTOR_SCRIPT = String.raw`'use strict';
(function () {
  var API = 'api';
  var view = { tab: 'servers', serverPage: 1, journalBefore: [], journalSeq: null, hookPage: 1, hookId: null };

  function $(selector, root) { return (root || document).querySelector(selector); }
  function el(tag, props, children) {
    var node = document.createElement(tag);
    Object.keys(props || {}).forEach(function (key) {
      if (key === 'text') node.textContent = props[key];
      else if (key === 'on') node.addEventListener('click', props[key]);
      else node.setAttribute(key, props[key]);
    });
    (children || []).forEach(function (child) { if (child != null) node.append(child); });
    return node;
  }
  function td(text, cls) { return el('td', cls ? { text: text, class: cls } : { text: text }); }
  function pretty(value) { return value === undefined ? '(none)' : typeof value === 'string' ? value : JSON.stringify(value, null, 2); }
  function time(ms) { return new Date(ms).toISOString().replace('T', ' ').replace('Z', ''); }
  function count(n, word) { return n + ' ' + word + (n === 1 ? '' : 's'); }
  function statusTag(status) { return el('span', { class: 'tag s' + String(status).charAt(0), text: status === 0 ? 'reset' : String(status) }); }

  function call(method, path, body) {
    var init = { method: method, headers: { accept: 'application/json' } };
    if (body !== undefined) { init.headers['content-type'] = 'application/json'; init.body = JSON.stringify(body); }
    return fetch(API + path, init).then(function (response) {
      return response.json().then(function (json) {
        if (!response.ok) { var error = new Error(json.error ? json.error.message : 'HTTP ' + response.status); error.field = json.error && json.error.field; throw error; }
        return json;
      });
    });
  }

  function pager(section, text, prev, next) {
    var box = $('#' + section + ' .pager');
    box.replaceChildren(
      el('button', { type: 'button', class: 'quiet', text: 'Newer', on: prev || function () {} }),
      el('span', { class: 'note', text: text }),
      el('button', { type: 'button', class: 'quiet', text: 'Older', on: next || function () {} })
    );
    box.children[0].disabled = !prev; box.children[2].disabled = !next;
  }

  function renderServers() {
    return call('GET', '/servers?limit=50&page=' + view.serverPage).then(function (page) {
      var rows = page.items.map(function (s) {
        var build = s.buildProgress === null ? (s.buildFailed ? 'failed' : '') : el('progress', { max: '100', value: String(s.buildProgress), 'aria-label': 'build ' + s.buildProgress + '%' });
        var owner = s.owner.name || 'user ' + s.owner.id;
        return el('tr', { 'data-server': s.id }, [
          td(String(s.id)),
          el('td', {}, [s.name, s.hostname ? el('small', { text: s.hostname }) : null]),
          el('td', {}, [owner, el('small', { text: s.owner.extRelationId === null ? 'id ' + s.owner.id : 'ext ' + s.owner.extRelationId })]),
          td(s.package.name || String(s.package.id), 'wide'),
          el('td', {}, [el('span', { class: 'tag', text: s.state }), s.suspended ? el('small', { text: 'suspended' }) : null]),
          td(s.power, 'wide'),
          el('td', {}, [build, s.buildProgress === null ? null : el('small', { text: s.buildProgress + '%' })]),
          td(s.ipv4.concat(s.ipv6).join(' '), 'mono'),
        ]);
      });
      $('#servers tbody').replaceChildren.apply($('#servers tbody'), rows);
      var pages = Math.max(1, Math.ceil(page.total / page.limit));
      pager('servers', count(page.total, 'server') + ', page ' + page.page + ' of ' + pages,
        page.page > 1 ? function () { view.serverPage -= 1; refresh(); } : null,
        page.page < pages ? function () { view.serverPage += 1; refresh(); } : null);
    });
  }

  function journalQuery() {
    var form = $('#journal-filter');
    var query = ['limit=50'];
    ['route', 'status', 'server'].forEach(function (name) { var v = form.elements[name].value.trim(); if (v) query.push(name + '=' + encodeURIComponent(v)); });
    var before = view.journalBefore[view.journalBefore.length - 1];
    if (before) query.push('before=' + before);
    return '?' + query.join('&');
  }

  function renderJournal() {
    var form = $('#journal-filter');
    ['status', 'server'].forEach(function (name) { form.elements[name].removeAttribute('aria-invalid'); });
    return call('GET', '/journal' + journalQuery()).then(function (page) {
      var stats = page.stats;
      $('#journal-note').textContent = page.matched + ' shown of ' + stats.kept + ' kept; ' + stats.total + ' received' + (stats.dropped ? ', ' + stats.dropped + ' oldest dropped' : '');
      var rows = page.items.map(function (e) {
        return el('tr', { class: 'click' + (e.seq === view.journalSeq ? ' selected' : ''), 'data-seq': e.seq, on: function () { view.journalSeq = e.seq; renderJournalDetail(); renderJournal(); } }, [
          td(String(e.seq)), el('td', { class: 'wide', title: time(e.time), text: time(e.time).slice(11) }), td(e.method),
          el('td', {}, [e.route || '(no route)', el('small', { class: 'mono', text: e.path })]),
          el('td', {}, [e.durationMs === undefined ? el('span', { class: 'tag', text: '…' }) : statusTag(e.status)]),
          td(e.durationMs === undefined ? '' : e.durationMs.toFixed(1), 'wide'), td(e.fault || ''),
        ]);
      });
      $('#journal tbody').replaceChildren.apply($('#journal tbody'), rows);
      var depth = view.journalBefore.length;
      pager('journal', depth ? 'older page ' + depth : 'newest first',
        depth ? function () { view.journalBefore.pop(); refresh(); } : null,
        page.nextBefore ? function () { view.journalBefore.push(page.nextBefore); refresh(); } : null);
    }, function (error) { if (error.field && form.elements[error.field]) form.elements[error.field].setAttribute('aria-invalid', 'true'); $('#journal-note').textContent = error.message; });
  }

  function detailBlock(title, value, truncated) {
    return [el('h3', { text: title + (truncated ? ' (cut to the journal\u2019s body limit)' : '') }), el('pre', { text: pretty(value) })];
  }

  function renderJournalDetail() {
    var aside = $('#journal-detail');
    if (view.journalSeq === null) { aside.hidden = true; aside.parentNode.classList.remove('open'); return Promise.resolve(); }
    return call('GET', '/journal/' + view.journalSeq).then(function (e) {
      aside.replaceChildren.apply(aside, [
        el('button', { type: 'button', class: 'quiet', text: 'Close', on: function () { view.journalSeq = null; renderJournalDetail(); } }),
        el('h3', { text: '#' + e.seq + ' ' + e.method + ' ' + e.path }),
        el('p', { class: 'note', text: 'status ' + (e.status === 0 ? 'reset' : e.status) + (e.durationMs === undefined ? '' : ', ' + e.durationMs + ' ms') + (e.fault ? ', fault ' + e.fault : '') + (e.serverId ? ', server ' + e.serverId : '') }),
      ].concat(Object.keys(e.query).length ? detailBlock('Query', e.query) : [], detailBlock('Request body', e.body, e.bodyTruncated), detailBlock('Answer body', e.answer, e.answerTruncated)));
      aside.hidden = false; aside.parentNode.classList.add('open');
    }, function (error) { aside.replaceChildren(el('p', { class: 'error', text: error.message })); aside.hidden = false; });
  }

  function renderWebhooks() {
    return call('GET', '/webhooks?limit=50&page=' + view.hookPage).then(function (page) {
      var rows = page.items.map(function (d) {
        var last = d.attempts[d.attempts.length - 1];
        var outcome = last ? (last.status !== undefined ? String(last.status) : last.error || '') : '';
        return el('tr', { class: 'click' + (d.id === view.hookId ? ' selected' : ''), on: function () { view.hookId = d.id; renderWebhookDetail(); renderWebhooks(); } }, [
          td(String(d.id)), td(d.event), td(d.url, 'wide mono'), el('td', {}, [el('span', { class: 'tag', text: d.state })]),
          el('td', {}, [String(d.attempts.length), el('small', { text: outcome })]),
        ]);
      });
      $('#webhooks tbody').replaceChildren.apply($('#webhooks tbody'), rows);
      var pages = Math.max(1, Math.ceil(page.total / page.limit));
      pager('webhooks', page.total + (page.total === 1 ? ' delivery' : ' deliveries') + ', page ' + page.page + ' of ' + pages,
        page.page > 1 ? function () { view.hookPage -= 1; refresh(); } : null,
        page.page < pages ? function () { view.hookPage += 1; refresh(); } : null);
    });
  }

  function renderWebhookDetail() {
    var aside = $('#webhook-detail');
    return call('GET', '/webhooks/' + view.hookId).then(function (d) {
      var headers = Object.keys(d.headers).map(function (name) { return name + ': ' + d.headers[name]; }).join('\n');
      aside.replaceChildren.apply(aside, [el('h3', { text: '#' + d.id + ' ' + d.event + ' \u2192 ' + d.url })].concat(
        detailBlock('Attempts', d.attempts.map(function (a) { return time(a.at) + '  ' + (a.status !== undefined ? a.status : a.error); }).join('\n') || '(none yet)'),
        detailBlock('Headers', headers), detailBlock('Body', d.body)));
      aside.hidden = false; aside.parentNode.classList.add('open');
    });
  }

  function renderFaults() {
    return call('GET', '/faults').then(function (state) {
      var select = $('#fault-form select[name=kind]');
      if (!select.options.length) state.kinds.forEach(function (kind) { select.append(el('option', { text: kind })); });
      var rows = state.rules.map(function (r) {
        var rule = r.rule;
        return el('tr', {}, [
          td(String(r.index + 1)), el('td', {}, [el('span', { class: 'tag', text: rule.kind }), rule.ms !== undefined ? el('small', { text: rule.ms + ' ms' }) : null, rule.retryAfter !== undefined ? el('small', { text: 'Retry-After ' + rule.retryAfter }) : null]),
          td([].concat(rule.method || 'any').join(', ')), td(rule.route || 'every request', 'mono'),
          td(rule.probability === undefined ? '1' : String(rule.probability)), td(rule.times === undefined ? 'always' : String(rule.times)), td(String(r.fired)),
          el('td', {}, [el('button', { type: 'button', class: 'quiet', text: 'Remove', on: function () { call('DELETE', '/faults/' + r.index).then(refresh, showFaultError); } })]),
        ]);
      });
      if (!rows.length) rows = [el('tr', {}, [el('td', { colspan: '8', class: 'note', text: 'No fault rules: every request is answered normally.' })])];
      $('#faults tbody').replaceChildren.apply($('#faults tbody'), rows);
    });
  }

  function showFaultError(error) {
    var form = $('#fault-form');
    $('#fault-error').textContent = error.message;
    if (error.field && form.elements[error.field]) form.elements[error.field].setAttribute('aria-invalid', 'true');
  }

  function renderClock() {
    return call('GET', '/clock').then(function (clock) {
      $('#clock-now').textContent = clock.iso;
      $('#clock-kind').textContent = clock.manual ? 'Manual clock: time moves only when advanced.' : 'System clock: time runs by itself. Start the emulator with clock: createManualClock() to move it by hand.';
      Array.prototype.forEach.call($('#clock-form').elements, function (control) { control.disabled = !clock.manual; });
    });
  }

  function renderSummary() {
    return call('GET', '').then(function (o) {
      var j = o.journal;
      $('#summary').textContent = [o.url, count(o.servers, 'server'), count(j.total, 'request') + (j.dropped ? ' (' + j.dropped + ' dropped)' : ''), count(o.deliveries, 'webhook'), count(o.faults, 'fault rule'), o.clock.iso + (o.clock.manual ? ' (manual clock)' : '')].join(' \u00b7 ');
    });
  }

  var RENDER = { servers: renderServers, journal: renderJournal, webhooks: renderWebhooks, faults: renderFaults, clock: renderClock };
  var busy = false;
  function refresh() {
    if (busy) return Promise.resolve();
    busy = true;
    var done = function () { busy = false; document.body.setAttribute('data-ready', 'true'); };
    return Promise.all([renderSummary(), RENDER[view.tab]()]).then(done, function (error) { done(); $('#summary').textContent = 'The emulator does not answer: ' + error.message; });
  }

  function show() {
    var tab = (location.hash || '#servers').slice(1);
    view.tab = RENDER[tab] ? tab : 'servers';
    document.querySelectorAll('main > section').forEach(function (section) { section.hidden = section.id !== view.tab; });
    document.querySelectorAll('nav a').forEach(function (link) { if (link.dataset.tab === view.tab) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current'); });
    refresh();
  }

  function ready() {
    var filterTimer;
    $('#journal-filter').addEventListener('input', function () { clearTimeout(filterTimer); filterTimer = setTimeout(function () { view.journalBefore = []; refresh(); }, 250); });
    $('#journal-filter').addEventListener('submit', function (event) { event.preventDefault(); });
    $('#fault-form').addEventListener('submit', function (event) {
      event.preventDefault();
      var form = event.target, rule = { kind: form.elements.kind.value };
      $('#fault-error').textContent = '';
      ['method', 'route'].forEach(function (name) { var v = form.elements[name].value.trim(); if (v) rule[name] = v; });
      ['probability', 'times', 'ms', 'retryAfter'].forEach(function (name) { form.elements[name].removeAttribute('aria-invalid'); var v = form.elements[name].value.trim(); if (v) rule[name] = Number(v); });
      call('POST', '/faults', rule).then(function () { form.reset(); refresh(); }, showFaultError);
    });
    $('#faults-clear').addEventListener('click', function () { call('DELETE', '/faults').then(refresh, showFaultError); });
    var advance = function (ms) { $('#clock-error').textContent = ''; call('POST', '/clock/advance', { ms: ms }).then(refresh, function (error) { $('#clock-error').textContent = error.message; }); };
    $('#clock-form').addEventListener('click', function (event) { var ms = event.target.dataset && event.target.dataset.ms; if (ms) advance(Number(ms)); });
    $('#clock-form').addEventListener('submit', function (event) { event.preventDefault(); advance(Number(event.target.elements.ms.value || 0)); });
    window.addEventListener('hashchange', show);
    setInterval(function () { if (!document.hidden) refresh(); }, 1000);
    show();
  }
  ready();
})();
`;
