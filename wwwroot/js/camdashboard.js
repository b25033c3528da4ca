// Draws every live picture of the dashboard (the grid's tiles, the camera page's view) from one
// WebSocket (/ws/tiles): a browser opens at most six HTTP/1.1 connections per host, so one MJPEG
// <img> per tile would stall past five cameras, and an MJPEG <img> gives no event per frame.
// Each binary message is [id length][camera id][JPEG]. Tiles pause while the tab is hidden
// and reconnect by themselves, with back-off, after a network drop or server restart.
// What only the browser can know is shown on the tiles too: the server unreachable, this user
// not allowed to watch (a ban refuses the socket's handshake, whose status a WebSocket hides),
// disconnected by an administrator, and frames that stopped coming ("5 s old").
window.camdashboard = (() => {
  const decoder = new TextDecoder();

  // The viewer's time zone, for the server (ViewerTimeZone.cs): times on pages are shown in it.
  // Set on every page, the sign-in page included, so the first page after signing in has it.
  try {
    // IANA names ("Europe/Berlin") are plain cookie characters: no encoding, which the server would not undo.
    document.cookie = `camdashboard.tz=${Intl.DateTimeFormat().resolvedOptions().timeZone}; path=/; max-age=31536000; samesite=lax`;
  } catch { /* no Intl: the server's zone */ }
  const tiles = {
    socket: null,
    running: false,
    retries: 0,
    timer: 0,

    // owner: the page component whose tiles these are. Pages come and go in one document; the
    // one leaving must not stop the tiles of the one arriving, whichever call comes first.
    // routes: where the server puts the tile socket and snapshots (StreamingRoutes, relative to
    // the page's base, so the app may live under a sub-path).
    start(owner, routes) {
      tiles.owner = owner;
      tiles.routes = routes;
      if (tiles.running) { tiles.close(); tiles.connect(); return; }
      tiles.running = true;
      tiles.ager = setInterval(tiles.age, 1000);
      document.addEventListener('visibilitychange', tiles.onVisibility);
      tiles.connect();
    },

    stop(owner) {
      if (owner !== tiles.owner) { return; }
      tiles.running = false;
      tiles.observer?.disconnect();
      clearTimeout(tiles.visibleTimer);
      clearInterval(tiles.ager);
      document.removeEventListener('visibilitychange', tiles.onVisibility);
      tiles.close();
    },

    onVisibility() {
      if (document.hidden) { tiles.close(); } else if (tiles.running) { tiles.connect(); }
    },

    connect() {
      clearTimeout(tiles.timer);
      if (tiles.socket || document.hidden || !tiles.running) { return; }
      const images = [...document.querySelectorAll('img[data-tile]')];
      if (images.length === 0) { return; }
      tiles.watch(images);
      const ids = images.map(img => encodeURIComponent(img.dataset.tile)).join(',');
      const url = new URL(tiles.routes.socket, document.baseURI);
      url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
      // The tile's size class, by the room it takes on the screen (CSS pixels, not the phone's
      // denser device pixels, which asked a 358-px phone tile for full-size frames): small
      // frames (≤ 480 px) unless tiles are drawn much wider (one or two columns on a desktop).
      // A page may ask for its own (the camera page: the camera's frames, at its rate). Low
      // data (this device's choice) takes the smaller frames at a few a second.
      const widest = Math.max(...images.map(img => img.clientWidth));
      const own = images[0].dataset.tier;
      const low = tiles.lowData();
      const tier = low ? (own ? 'low' : 'small') : own || (widest > 640 ? 'low' : 'small');
      const rate = low ? (own ? 5 : 2) : images[0].dataset.fps;
      const fps = rate ? `&fps=${rate}` : '';
      const socket = new WebSocket(`${url}?cameras=${ids}&tier=${tier}${fps}`);
      socket.binaryType = 'arraybuffer';
      socket.onopen = () => { tiles.retries = 0; tiles.show(''); tiles.sendVisible(); };
      socket.onmessage = event => tiles.draw(new Uint8Array(event.data));
      socket.onclose = async event => {
        tiles.socket = null;
        if (event.code === 1008) {
          tiles.show('kicked');
          return;
        }
        if (!tiles.running || document.hidden) { return; }
        const why = event.code === 1001 ? '' : await tiles.whyClosed(ids.split(',')[0]);
        tiles.show(why);
        // Refused (a ban): ask again now and then, not every second.
        const delay = why === 'refused' ? 30000 : Math.min(10000, 500 * 2 ** tiles.retries++);
        tiles.timer = setTimeout(tiles.connect, delay);
      };
      tiles.socket = socket;
    },

    // A plain request says what the socket could not: refused (403) or no server at all. A
    // refusal's own answer (a GET: a HEAD has no body) says until when a ban lasts.
    async whyClosed(id) {
      try {
        const url = `${tiles.routes.snapshot}/${id}`;
        const response = await fetch(url, { method: 'HEAD', cache: 'no-store' });
        if (response.status !== 403) { return ''; }
        const refusal = await fetch(url, { cache: 'no-store' }).then(r => r.status === 403 ? r.json() : {}).catch(() => ({}));
        tiles.until = refusal.until ? new Date(refusal.until) : null;
        return 'refused';
      } catch {
        return 'unreachable';
      }
    },

    // Marks every tile with what the browser knows ('' when all is well); CSS shows it. A ban is
    // said once, on the first tile, with its end in this browser's time; the others go dark.
    show(state) {
      tiles.state = state;
      const until = state === 'refused' && tiles.until ? tiles.until : null;
      const end = until && (until.toDateString() === new Date().toDateString()
        ? until.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
        : until.toLocaleString([], { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' }));
      document.querySelectorAll('.tile-frame').forEach((frame, index) => {
        if (!state) { delete frame.dataset.client; delete frame.dataset.until; return; }
        frame.dataset.client = state === 'refused' && index > 0 ? 'refused-more' : state;
        if (end && index === 0) { frame.dataset.until = end; } else { delete frame.dataset.until; }
      });
    },

    // Once a second: a tile whose last frame is over 3 s old says how old.
    age() {
      const now = Date.now();
      document.querySelectorAll('img[data-tile]').forEach(img => {
        const badge = img.parentElement.querySelector('.tile-age');
        const age = img.dataset.at ? Math.floor((now - Number(img.dataset.at)) / 1000) : 0;
        if (badge) { badge.textContent = age >= 3 ? `${age} s old` : ''; }
      });
    },

    // A ban was lifted (the server's event says so): a page refused by it asks again now, not
    // at its next slow retry.
    retry(owner) {
      if (!tiles.running || owner !== tiles.owner || tiles.socket || tiles.state !== 'refused') { return; }
      tiles.connect();
    },

    // Tiles off the screen get no frames (the server pauses them; each keeps the one it got on
    // connecting): a phone scrolling past twelve cameras receives the three it shows.
    watch(images) {
      tiles.observer?.disconnect();
      // Unknown until the observer's first report: until then the server sends every tile.
      tiles.visible = null;
      tiles.observer = new IntersectionObserver(entries => {
        tiles.visible ??= new Set();
        entries.forEach(entry => {
          const id = entry.target.dataset.tile;
          if (entry.isIntersecting) { tiles.visible.add(id); } else { tiles.visible.delete(id); }
        });
        clearTimeout(tiles.visibleTimer);
        tiles.visibleTimer = setTimeout(tiles.sendVisible, 150);
      });
      images.forEach(img => tiles.observer.observe(img));
    },

    sendVisible() {
      if (tiles.socket?.readyState === WebSocket.OPEN && tiles.visible) {
        tiles.socket.send(JSON.stringify({ visible: [...tiles.visible] }));
      }
    },

    // Low data, kept per device (not per user): a phone on a metered plan.
    lowData() { try { return localStorage.getItem('camdashboard.lowdata') === '1'; } catch { return false; } },

    setLowData(on) {
      try { localStorage.setItem('camdashboard.lowdata', on ? '1' : '0'); } catch { /* private mode */ }
      if (tiles.running) { tiles.close(); tiles.connect(); }
    },

    // The page's set of tiles changed (a camera added or removed): one socket for the new set.
    restart(owner) {
      if (!tiles.running || owner !== tiles.owner) { return; }
      tiles.close();
      tiles.connect();
    },

    close() {
      clearTimeout(tiles.timer);
      if (tiles.socket) {
        tiles.socket.onclose = null;
        tiles.socket.close();
        tiles.socket = null;
      }
    },

    draw(bytes) {
      const length = bytes[0];
      const id = decoder.decode(bytes.subarray(1, 1 + length));
      const img = document.querySelector(`img[data-tile="${CSS.escape(id)}"]`);
      if (!img) { return; }
      const previous = img.src;
      img.src = URL.createObjectURL(new Blob([bytes.subarray(1 + length)], { type: 'image/jpeg' }));
      img.dataset.frames = String(Number(img.dataset.frames || 0) + 1);
      img.dataset.at = String(Date.now());
      if (previous.startsWith('blob:')) { URL.revokeObjectURL(previous); }
    },
  };

  // A user's dashboard choices (theme, grid columns, camera order), per user name, in this browser.
  const prefs = {
    load(user, name) { try { return localStorage.getItem(`camdashboard.${name}.${user}`); } catch { return null; } },
    save(user, name, value) { try { localStorage.setItem(`camdashboard.${name}.${user}`, value); } catch { /* private mode */ } },
    // The theme this browser shows, for the server (ThemeCookie.cs): the next page is drawn in it
    // from the first byte, not light turning dark once the dashboard starts.
    shownTheme(dark) { document.cookie = `camdashboard.theme=${dark ? 'dark' : 'light'}; path=/; max-age=31536000; samesite=lax`; },
  };

  // Keys, on a page that offers them (an element with data-keys): f fullscreen, arrows previous /
  // next camera, Esc back. Not while typing or on a slider, whose arrows are its own.
  document.addEventListener('keydown', event => {
    const keys = document.querySelector('[data-keys]');
    if (!keys || event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) { return; }
    if (event.target.closest?.('input, textarea, select, [contenteditable], [role=slider], .mud-popover')) { return; }
    const go = href => { if (href) { event.preventDefault(); Blazor.navigateTo(href); } };
    switch (event.key) {
      case 'f': event.preventDefault(); document.fullscreenElement ? document.exitFullscreen() : document.querySelector(keys.dataset.fullscreen)?.requestFullscreen?.(); break;
      case 'ArrowLeft': go(keys.dataset.previous); break;
      case 'ArrowRight': go(keys.dataset.next); break;
      case 'Escape': if (!document.fullscreenElement) { go(keys.dataset.back); } break;
    }
  });

  // A skip link moves the keyboard's place to its target, here, instead of following "#main"
  // against <base href> to another page. Captured: before Blazor's own link handling.
  document.addEventListener('click', event => {
    const skip = event.target.closest?.('[data-skip-to]');
    const target = skip && document.getElementById(skip.dataset.skipTo);
    if (target) { event.preventDefault(); event.stopPropagation(); target.focus(); }
  }, true);

  // The sign-in form says it is working (under load a sign-in can take seconds; a second press
  // would only post it again), and is itself again when the browser brings the page back.
  document.addEventListener('submit', event => {
    const button = event.target.closest?.('.login-form')?.querySelector('button[type=submit]');
    if (!button || button.disabled) { return; }
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    const label = button.querySelector('.mud-button-label') ?? button;
    button.dataset.label = label.textContent;
    label.textContent = 'Signing in…';
  });
  window.addEventListener('pageshow', () => document.querySelectorAll('.login-form button[aria-busy]').forEach(button => {
    button.disabled = false;
    button.removeAttribute('aria-busy');
    (button.querySelector('.mud-button-label') ?? button).textContent = button.dataset.label;
  }));

  // The server away (a restart, a network drop): Blazor marks the app's banner instead of
  // covering the page with its dialog, and retries for a while. Past that, this keeps trying
  // every few seconds; a server that answers but no longer knows this page (it restarted) gets
  // the page loaded again, which the sign-in cookie survives.
  const banner = document.getElementById('components-reconnect-modal');
  const rejoin = async () => {
    try {
      if (!await Blazor.reconnect()) { location.reload(); }
    } catch {
      setTimeout(rejoin, 3000);
    }
  };
  banner?.addEventListener('components-reconnect-state-changed', event => {
    const state = event.detail?.state;
    if (state === 'failed') { setTimeout(rejoin, 3000); }
    if (state === 'rejected' || state === 'resume-failed') { location.reload(); }
  });

  // Fit to screen: the columns and tile width that show every camera at the largest size the
  // window (or the screen, in fullscreen) holds without scrolling, labels included; again on
  // every resize, fullscreen change, camera added or removed, and compact switched.
  const fit = {
    grid: null,

    start(grid) {
      fit.stop();
      fit.grid = grid;
      window.addEventListener('resize', fit.schedule);
      document.addEventListener('fullscreenchange', fit.schedule);
      fit.observer = new MutationObserver(fit.schedule);
      fit.observer.observe(grid, { childList: true, subtree: true, attributes: true, attributeFilter: ['class'] });
      fit.apply();
    },

    stop() {
      if (!fit.grid) { return; }
      window.removeEventListener('resize', fit.schedule);
      document.removeEventListener('fullscreenchange', fit.schedule);
      fit.observer.disconnect();
      fit.grid.style.removeProperty('--fit-columns');
      fit.grid.style.removeProperty('--fit-width');
      fit.grid = null;
    },

    schedule() {
      cancelAnimationFrame(fit.frame);
      fit.frame = requestAnimationFrame(() => fit.apply());
    },

    apply(short = 0, tries = 0) {
      const grid = fit.grid;
      if (!grid?.isConnected) { fit.stop(); return; }
      const cells = [...grid.querySelectorAll('.camera-cell:not(.hidden)')];
      const frame = cells[0]?.querySelector('.tile-frame');
      if (!frame) { return; }
      const style = getComputedStyle(grid);
      const gap = parseFloat(style.columnGap) || 0;
      const rowGap = parseFloat(style.rowGap) || 0;
      const width = grid.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      const full = document.fullscreenElement === grid;
      // Below the grid, its container's bottom padding (anything else is caught below).
      const below = full ? 0 : parseFloat(getComputedStyle(grid.parentElement).paddingBottom) || 0;
      const height = (full ? grid.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom)
        : innerHeight - (grid.getBoundingClientRect().top + scrollY) - below) - short;
      // What a tile shows besides its picture (nothing when the caption lies over it).
      const label = cells[0].offsetHeight - frame.offsetHeight;
      let best = { columns: 1, size: 0 };
      for (let columns = 1; columns <= cells.length; columns++) {
        const rows = Math.ceil(cells.length / columns);
        const byWidth = (width - (columns - 1) * gap) / columns;
        const byHeight = ((height - (rows - 1) * rowGap) / rows - label) * 16 / 9;
        const size = Math.min(byWidth, byHeight);
        if (size > best.size) { best = { columns, size }; }
      }
      grid.style.setProperty('--fit-columns', String(best.columns));
      grid.style.setProperty('--fit-width', `${Math.max(80, Math.floor(best.size))}px`);
      // Anything the measure missed (rounding, a label that wrapped): shrink by what overflows.
      const over = full ? grid.scrollHeight - grid.clientHeight : document.scrollingElement.scrollHeight - innerHeight;
      if (over > 0 && tries < 3) { fit.apply(short + over, tries + 1); }
    },
  };

  // Arrange mode: a tile dragged (mouse, pen or finger) onto another takes its place. Pointer
  // events, not HTML drag and drop: they work on touch screens, and nothing of a tile (its link,
  // its picture) starts a drag of its own. The grid's .NET side puts it there and keeps the order.
  const arrange = {
    start(grid, page) {
      arrange.stop();
      const state = { grid, page, from: null, over: null, x: 0, y: 0, moved: false };
      const cellAt = (x, y) => document.elementFromPoint(x, y)?.closest('.camera-cell');
      const mark = cell => {
        if (state.over === cell) { return; }
        state.over?.classList.remove('drop-target');
        state.over = cell && cell !== state.from ? cell : null;
        state.over?.classList.add('drop-target');
      };
      const end = () => {
        state.from?.classList.remove('dragging');
        mark(null);
        state.from = null;
      };
      state.down = e => {
        // Every press starts afresh: a drag that ended off the grid leaves no click to swallow.
        state.moved = false;
        const cell = e.target.closest('.camera-cell');
        if (!cell || e.button > 0 || e.target.closest('.arrange-bar')) { return; }
        Object.assign(state, { from: cell, x: e.clientX, y: e.clientY });
      };
      state.move = e => {
        if (!state.from) { return; }
        if (!state.moved && Math.hypot(e.clientX - state.x, e.clientY - state.y) < 8) { return; }
        state.moved = true;
        state.from.classList.add('dragging');
        mark(cellAt(e.clientX, e.clientY));
        e.preventDefault();
      };
      state.up = () => {
        const from = state.from?.querySelector('img[data-tile]')?.dataset.tile;
        const to = state.over?.querySelector('img[data-tile]')?.dataset.tile;
        end();
        if (from && to) { state.page.invokeMethodAsync('Place', from, to).catch(() => {}); }
      };
      // A drag is not a click: the tile's link does not open.
      state.click = e => { if (state.moved) { e.preventDefault(); e.stopPropagation(); state.moved = false; } };
      state.dragstart = e => e.preventDefault();
      grid.addEventListener('pointerdown', state.down);
      window.addEventListener('pointermove', state.move, { passive: false });
      window.addEventListener('pointerup', state.up);
      window.addEventListener('pointercancel', end);
      grid.addEventListener('click', state.click, true);
      grid.addEventListener('dragstart', state.dragstart);
      state.cancel = end;
      arrange.state = state;
    },

    stop() {
      const state = arrange.state;
      if (!state) { return; }
      state.grid.removeEventListener('pointerdown', state.down);
      window.removeEventListener('pointermove', state.move);
      window.removeEventListener('pointerup', state.up);
      window.removeEventListener('pointercancel', state.cancel);
      state.grid.removeEventListener('click', state.click, true);
      state.grid.removeEventListener('dragstart', state.dragstart);
      arrange.state = null;
    },
  };

  let kioskArmed = false;

  return {
    tiles,
    prefs,
    fit,
    arrange,
    fullscreen(element) { element?.requestFullscreen?.(); },

    // A wall screen: browsers let a page go fullscreen only on a gesture, so the first touch or
    // click does it (a browser started in kiosk mode is fullscreen already).
    kiosk() {
      if (kioskArmed) { return; }
      kioskArmed = true;
      document.addEventListener('pointerdown', () => {
        if (!document.fullscreenElement) { document.documentElement.requestFullscreen?.().catch(() => {}); }
      }, { once: true });
    },

    // Puts text on the clipboard: the Clipboard API where the page is a secure context (HTTPS,
    // localhost), else the older copy of a selection (a dashboard on a LAN over plain HTTP).
    async copy(text) {
      try {
        await navigator.clipboard.writeText(text);
        return true;
      } catch {
        const area = Object.assign(document.createElement('textarea'), { value: text, readOnly: true });
        area.style.position = 'fixed';
        area.style.opacity = '0';
        document.body.append(area);
        area.select();
        const copied = document.execCommand('copy');
        area.remove();
        return copied;
      }
    },
  };
})();
