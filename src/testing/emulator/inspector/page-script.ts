// The inspector's script: plain browser JavaScript, no build step. Everything data-driven is
// written with textContent, never as HTML; it reads the JSON API under ./api.

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
  var busy = false, again = false;
  function refresh() {
    if (busy) { again = true; return Promise.resolve(); }
    busy = true;
    var done = function () {
      busy = false;
      document.body.setAttribute('data-ready', 'true');
      if (again) { again = false; refresh(); }
    };
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
