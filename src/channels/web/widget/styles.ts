// Scoped under #huurhulp so the host page and the widget leave each other alone. Logical properties only
// (inline-start/end, never left/right): the same sheet serves right-to-left languages (checked by a test).
// Colours meet WCAG AA: #0b5560 on white is 8.4:1, #1d1d1b on #eef3f4 is 15:1.
const css = `
#huurhulp{--hh-brand:#0b5560;--hh-ink:#1d1d1b;--hh-soft:#eef3f4;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--hh-ink)}
#huurhulp *,#huurhulp *::before,#huurhulp *::after{box-sizing:border-box}
#huurhulp [hidden]{display:none!important}
#huurhulp button,#huurhulp input,#huurhulp select{font:inherit;color:inherit;margin:0}
#huurhulp button{cursor:pointer}
#huurhulp :focus-visible{outline:3px solid var(--hh-ink);outline-offset:2px;box-shadow:0 0 0 2px #fff}
#huurhulp .hh-sr{position:absolute!important;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
#huurhulp .hh-launcher{position:fixed;inset-inline-end:16px;inset-block-end:16px;z-index:2147483000;min-height:48px;padding:12px 20px;border:0;border-radius:999px;background:var(--hh-brand);color:#fff;font-weight:600;box-shadow:0 2px 10px rgba(0,0,0,.25)}
#huurhulp .hh-panel{position:fixed;inset-inline-end:16px;inset-block-end:80px;z-index:2147483001;display:flex;flex-direction:column;width:380px;max-width:calc(100vw - 32px);height:min(640px,calc(100vh - 104px));background:#fff;border-radius:12px;box-shadow:0 4px 24px rgba(0,0,0,.25);overflow:hidden}
#huurhulp .hh-head{display:flex;align-items:flex-start;gap:8px;padding-block:12px 8px;padding-inline:16px 12px;background:var(--hh-brand);color:#fff}
#huurhulp .hh-titles{flex:1;min-width:0}
#huurhulp .hh-title{margin:0;font-size:1.15em;line-height:1.3;color:#fff}
#huurhulp .hh-subtitle{margin:0;font-size:.9em;color:#fff}
#huurhulp .hh-lang{align-self:center;max-width:9em;min-height:36px;padding-block:4px;padding-inline:10px;border:1px solid #fff;border-radius:999px;background:var(--hh-brand);color:#fff;font-size:.9em}
#huurhulp .hh-lang option{background:#fff;color:var(--hh-ink)}
#huurhulp .hh-close{min-width:44px;min-height:44px;border:0;border-radius:8px;background:transparent;color:#fff;font-size:1.6em;line-height:1}
#huurhulp .hh-head :focus-visible{outline-color:#fff;box-shadow:0 0 0 2px var(--hh-ink)}
#huurhulp .hh-tools{display:flex;flex-wrap:wrap;gap:6px;padding:6px 12px;border-bottom:1px solid #d5dfe1}
#huurhulp .hh-tool{min-height:32px;padding:2px 10px;border:1px solid var(--hh-brand);border-radius:999px;background:#fff;color:var(--hh-brand);font-size:.9em}
#huurhulp .hh-scroll{position:relative;flex:1;overflow-y:auto;padding:12px;overscroll-behavior:contain}
#huurhulp .hh-log{display:flex;flex-direction:column;gap:8px}
#huurhulp .hh-log:focus{outline:none}
#huurhulp .hh-msg{max-width:88%;padding:8px 12px;border-radius:12px;overflow-wrap:anywhere}
#huurhulp .hh-bot{align-self:flex-start;background:var(--hh-soft)}
#huurhulp .hh-you{align-self:flex-end;background:var(--hh-brand);color:#fff}
#huurhulp .hh-p{margin:0}
#huurhulp .hh-p+.hh-p{margin-top:.5em}
#huurhulp .hh-replies{display:flex;flex-wrap:wrap;gap:8px}
#huurhulp .hh-reply{min-height:44px;padding:8px 14px;border:2px solid var(--hh-brand);border-radius:12px;background:#fff;color:var(--hh-brand);font-weight:600;text-align:start}
#huurhulp .hh-reply:hover,#huurhulp .hh-tool:hover{background:#dcebee}
#huurhulp .hh-typing{padding:8px 4px}
#huurhulp .hh-dots span{display:inline-block;width:8px;height:8px;margin-inline-end:4px;border-radius:50%;background:#5b6b6e}
#huurhulp .hh-notice{white-space:pre-line;margin:0 12px 8px;padding:8px 12px;border-inline-start:4px solid #8a5a00;background:#fff8e5}
#huurhulp .hh-queue{margin:0 12px 8px;padding:8px 12px;border-inline-start:4px solid #0b5560;background:#eef6f6}
#huurhulp .hh-form{padding:8px 12px 12px;border-top:1px solid #d5dfe1}
#huurhulp .hh-date{display:flex;flex-wrap:wrap;align-items:center;gap:8px;margin-bottom:8px}
#huurhulp .hh-row{display:flex;gap:8px}
#huurhulp .hh-text,#huurhulp .hh-date input{min-height:44px;padding:8px 10px;border:2px solid #5b6b6e;border-radius:8px;background:#fff}
#huurhulp .hh-text{flex:1;min-width:0}
#huurhulp .hh-send{min-height:44px;padding:8px 16px;border:0;border-radius:8px;background:var(--hh-brand);color:#fff;font-weight:600}
@media (max-width:480px){
#huurhulp .hh-panel{inset:0;width:100%;max-width:none;height:100%;border-radius:0}
#huurhulp.hh-open .hh-launcher{display:none}
}
@media (prefers-reduced-motion:no-preference){
#huurhulp .hh-panel{animation:hh-in .15s ease-out}
#huurhulp .hh-dots span{animation:hh-dot 1.2s infinite ease-in-out}
#huurhulp .hh-dots span:nth-child(2){animation-delay:.2s}
#huurhulp .hh-dots span:nth-child(3){animation-delay:.4s}
@keyframes hh-in{from{opacity:0;transform:translateY(8px)}to{opacity:1;transform:none}}
@keyframes hh-dot{0%,80%,100%{opacity:.3}40%{opacity:1}}
}
@media (forced-colors:active){#huurhulp .hh-dots span{background:CanvasText}#huurhulp .hh-msg{border:1px solid CanvasText}}
`;

/** Adds the stylesheet once; constructable sheets first, so strict host CSPs without 'unsafe-inline' still style it. */
export function injectStyles(): void {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    return;
  } catch {
    // Older browsers: fall back to a <style> element.
  }
  const style = document.createElement('style');
  style.textContent = css;
  document.head.appendChild(style);
}
