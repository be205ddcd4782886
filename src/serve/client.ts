/**
 * The script `serve` injects into every HTML page it serves (never into what `build` writes):
 * live updates over a WebSocket, CSS swapped in place, and the error overlay.
 */
export const CLIENT_PATH = '/__awning/client.js';
export const SOCKET_PATH = '/__awning/ws';

export const CLIENT_SCRIPT = `// Awning live preview
(() => {
  const OVERLAY_ID = '__awning_overlay';
  let wasConnected = false;
  let retry = 250;

  function showError(text) {
    let host = document.getElementById(OVERLAY_ID);
    if (!host) {
      host = document.createElement('div');
      host.id = OVERLAY_ID;
      host.setAttribute('role', 'alertdialog');
      host.setAttribute('aria-label', 'Build error');
      host.style.cssText = 'position:fixed;inset:0;z-index:2147483647;';
      host.attachShadow({ mode: 'open' });
      document.documentElement.appendChild(host);
    }
    host.shadowRoot.innerHTML = '<style>:host{all:initial}.box{position:fixed;inset:0;background:rgba(20,20,20,.92);color:#fafafa;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;padding:32px;overflow:auto}h2{color:#ff8a80;font:bold 16px system-ui,sans-serif;margin:0 0 12px}pre{white-space:pre-wrap;margin:0}p{color:#bbb;font:13px system-ui,sans-serif}</style><div class="box"><h2>Awning: the site could not be built</h2><pre></pre><p>Fix the file and save: this page updates by itself. The page behind this is the last good build.</p></div>';
    host.shadowRoot.querySelector('pre').textContent = text;
  }
  function clearError() {
    const host = document.getElementById(OVERLAY_ID);
    if (host) host.remove();
  }
  async function refreshPage(pushed) {
    const html = typeof pushed === 'string' ? pushed : await (await fetch(location.href, { cache: 'no-store' })).text();
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const open = [...document.querySelectorAll('details[open]')].map((d) => d.querySelector('summary') && d.querySelector('summary').textContent);
    const x = scrollX, y = scrollY;
    document.title = doc.title;
    document.body.replaceWith(document.adoptNode(doc.body));
    for (const d of document.querySelectorAll('details')) {
      const s = d.querySelector('summary');
      if (s && open.includes(s.textContent)) d.open = true;
    }
    scrollTo(x, y);
    document.dispatchEvent(new CustomEvent('awning:updated'));
  }
  function refreshCss() {
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const url = new URL(link.href);
      if (url.origin !== location.origin) continue;
      url.searchParams.set('t', String(Date.now()));
      const next = link.cloneNode();
      next.href = url.href;
      next.onload = () => link.remove();
      link.after(next);
    }
  }
  function here(urls) {
    const path = decodeURI(location.pathname);
    return urls.some((u) => u === path || u === path + '/' || (u.endsWith('/index.html') && u.slice(0, -10) === path));
  }
  function connect() {
    const ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '${SOCKET_PATH}');
    ws.onopen = () => {
      retry = 250;
      // Say which page this tab shows: the server then sends its new HTML with the update.
      ws.send(JSON.stringify({ type: 'hello', path: decodeURI(location.pathname) }));
      if (wasConnected) refreshPage().catch(() => location.reload());
      wasConnected = true;
    };
    ws.onmessage = (ev) => {
      const msg = JSON.parse(ev.data);
      if (msg.type === 'error') showError(msg.text);
      if (msg.type === 'ok') clearError();
      if (msg.type === 'update') {
        clearError();
        if (msg.css) refreshCss();
        if (msg.all || here(msg.urls)) refreshPage(msg.html).catch(() => location.reload());
      }
    };
    ws.onclose = () => {
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, 2000);
    };
  }
  connect();
})();
`;

/** Add the live-preview script to a page, just before </body>. */
export function injectClient(html: string): string {
  const tag = `<script src="${CLIENT_PATH}" type="module"></script>`;
  const at = html.lastIndexOf('</body>');
  return at === -1 ? html + tag : html.slice(0, at) + tag + html.slice(at);
}
