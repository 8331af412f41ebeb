// The inspector's stylesheet: readable down to a phone-sized window (tables scroll, minor columns hide).

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
