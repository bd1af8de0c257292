/**
 * The one style sheet of every page, inlined (the CSP allows inline styles and nothing else: no
 * script, no external style). Mobile first; one column up to ~48rem, cards in a grid beyond.
 */
export const PAGE_STYLE = `
:root{--ink:#1c1b19;--soft:#3b3833;--muted:#5f5a51;--faint:#857f73;--rule:#e4dfd6;--paper:#fbfaf7;--accent:#a4251c;--link:#174ea6;--ph:#ece7de}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--paper);color:var(--ink);font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif}
a{color:var(--link)}
code{font:.85em/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#f1eee8;padding:.1rem .3rem;border-radius:3px;overflow-wrap:anywhere}
.wrap{max-width:72rem;margin:0 auto;padding:0 1rem}
header.site{background:#fff;border-bottom:1px solid var(--rule)}
header.site .wrap{display:flex;flex-wrap:wrap;align-items:baseline;gap:.2rem 1.5rem;padding-top:.75rem;padding-bottom:.75rem}
.brand{font:700 1.5rem/1.2 Georgia,"Times New Roman",serif;color:var(--ink);text-decoration:none}
nav.site{display:flex;flex-wrap:wrap;gap:.1rem 1rem;font-size:.95rem}
nav.site a{color:var(--muted);text-decoration:none}
nav.site a:hover,nav.site a[aria-current]{color:var(--ink);text-decoration:underline}
main.wrap{padding-top:1.25rem;padding-bottom:3rem}
footer.site .wrap{padding-top:1rem;padding-bottom:2rem}
footer.site{border-top:1px solid var(--rule);color:var(--faint);font-size:.85rem}
h1,h2,h3{font-family:Georgia,"Times New Roman",serif;line-height:1.2}
.page-title{font-size:clamp(1.6rem,4vw,2.2rem);margin:0 0 .4rem}
.lede{color:var(--muted);margin:0 0 1rem;max-width:44rem}
.rubric{font:600 .8rem/1.2 system-ui,sans-serif;letter-spacing:.08em;text-transform:uppercase;color:var(--muted);border-top:2px solid var(--ink);padding-top:.5rem;margin:2.25rem 0 1rem}
.rubric:first-child{margin-top:0}
.cards{display:grid;gap:1.75rem 1.5rem;grid-template-columns:repeat(auto-fill,minmax(min(100%,18rem),1fr));margin:0;padding:0;list-style:none}
.card{display:flex;flex-direction:column;gap:.3rem;min-width:0}
.card h3{font-size:1.2rem;margin:.1rem 0}
.card h3 a{color:var(--ink);text-decoration:none}
.card h3 a:hover{text-decoration:underline}
.summary{color:var(--soft);margin:0;display:-webkit-box;-webkit-line-clamp:3;-webkit-box-orient:vertical;overflow:hidden}
/* Phones: the lead story with its photo, the others as compact rows with a thumbnail. */
@media (max-width:47.99rem){
.cards{gap:1.25rem}
.card:not(.lead){display:grid;grid-template-columns:minmax(0,1fr) 6.5rem;column-gap:.9rem;align-items:start;border-top:1px solid var(--rule);padding-top:1rem}
.card:not(.lead)>*{grid-column:1}
.card:not(.lead) .ph{grid-column:2;grid-row:1/span 4;aspect-ratio:1;margin:0}
.card:not(.lead) h3{font-size:1.08rem}
.card:not(.lead) .summary{-webkit-line-clamp:2;font-size:.95rem}
.ph.none{font-size:1.6rem}
}
@media (min-width:48rem){
.card.lead{grid-column:1/-1;display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:.3rem 1.75rem;align-content:start}
.card.lead .ph{grid-row:1/span 5;margin:0;aspect-ratio:16/9}
.card.lead h3{font-size:1.9rem}
.card.lead .summary{-webkit-line-clamp:6;font-size:1.05rem}
}
.kicker{font:600 .75rem/1.2 system-ui,sans-serif;letter-spacing:.08em;text-transform:uppercase;color:var(--accent);margin:0}
.kicker a{color:inherit;text-decoration:none}
.meta{color:var(--muted);font-size:.875rem;margin:0}
.meta a{color:inherit}
.ph{text-decoration:none;aspect-ratio:3/2;background:var(--ph);overflow:hidden;margin:0 0 .35rem;border-radius:2px}
.ph img{width:100%;height:100%;object-fit:cover}
.ph.none{display:flex;align-items:center;justify-content:center;font:italic 2.2rem/1 Georgia,serif;color:var(--faint)}
img{display:block;max-width:100%;height:auto;background:var(--ph);position:relative}
img:not([width]),img:not([height]){width:100%;aspect-ratio:3/2;object-fit:cover}
/* A photo that cannot load (offline, moved, blocked) keeps its box and shows a quiet placeholder
   instead of a broken-image icon: an img gets ::after boxes only while its image failed. */
img::after{content:"Photo unavailable";position:absolute;inset:0;display:flex;align-items:center;justify-content:center;padding:1rem;text-align:center;font:600 .72rem/1.3 system-ui,sans-serif;letter-spacing:.1em;text-transform:uppercase;color:var(--faint);background:var(--ph) repeating-linear-gradient(135deg,transparent 0 14px,rgba(0,0,0,.03) 14px 28px)}
.chips{display:flex;flex-wrap:wrap;gap:.45rem;margin:0 0 .75rem;padding:0;list-style:none}
.chips a{display:inline-block;padding:.2rem .65rem;border:1px solid var(--rule);border-radius:999px;background:#fff;color:var(--ink);text-decoration:none;font-size:.9rem}
.chips a:hover{border-color:var(--faint)}
.chips .n{color:var(--faint);margin-left:.35rem;font-size:.8rem}
.more{font-size:.9rem}
.groups{display:grid;gap:0 2rem;grid-template-columns:repeat(auto-fit,minmax(min(100%,20rem),1fr))}
.feeds{margin:0;padding:0;list-style:none}
.feeds li{padding:.5rem 0;border-bottom:1px solid var(--rule)}
.formats a{font-weight:600}
.index{margin:0;padding:0;list-style:none;columns:16rem}
.index li{break-inside:avoid;padding:.25rem 0}
.index .formats a{font-weight:400;color:var(--muted)}
.subscribe{background:#fff;border:1px solid var(--rule);border-radius:4px;padding:.75rem 1rem;margin:0 0 1.5rem}
.subscribe p{margin:.3rem 0}
.article{max-width:42rem;margin:0 auto}
.article h1{font-size:clamp(1.8rem,5vw,2.6rem);margin:.35rem 0 .5rem}
.article .dek{font-size:1.2rem;color:var(--soft);margin:0 0 .75rem}
.article .meta{border-bottom:1px solid var(--rule);padding-bottom:.75rem;margin-bottom:1.25rem}
.body{font:1.125rem/1.7 Georgia,"Times New Roman",serif;overflow-wrap:break-word}
.body p{margin:0 0 1.1rem}
.body figure,.article>figure{margin:1.5rem 0}
.body figure img,.article>figure img{width:100%}
figcaption{font:.875rem/1.45 system-ui,sans-serif;color:var(--muted);margin-top:.45rem}
.credit{display:block;margin-top:.2rem;font-size:.7rem;letter-spacing:.08em;text-transform:uppercase;color:var(--faint)}
.body table{display:block;overflow-x:auto}
.body pre{overflow-x:auto}
.body blockquote{margin:1.25rem 0;padding-left:1rem;border-left:3px solid var(--rule);color:var(--soft)}
.source{font-size:.85rem;color:var(--faint);overflow-wrap:anywhere}
.error{max-width:40rem;padding:2rem 0}
.error .status{font:700 4rem/1 Georgia,serif;color:var(--rule);margin:0}
`;
