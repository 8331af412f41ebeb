// The inspector's page, served from the emulator itself (no CDN, works offline); its script and
// stylesheet are page-script.ts and page-style.ts.

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
