// Draws every dashboard tile from one WebSocket (/ws/tiles): a browser opens at most six
// HTTP/1.1 connections per host, so one MJPEG <img> per tile would stall past five cameras.
// Each binary message is [id length][camera id][JPEG]. Tiles pause while the tab is hidden
// and reconnect by themselves, with back-off, after a network drop or server restart.
window.camdashboard = (() => {
  const decoder = new TextDecoder();
  const tiles = {
    socket: null,
    running: false,
    retries: 0,
    timer: 0,

    start() {
      tiles.running = true;
      document.addEventListener('visibilitychange', tiles.onVisibility);
      tiles.connect();
    },

    stop() {
      tiles.running = false;
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
      const ids = images.map(img => encodeURIComponent(img.dataset.tile)).join(',');
      const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
      const socket = new WebSocket(`${scheme}//${location.host}/ws/tiles?cameras=${ids}`);
      socket.binaryType = 'arraybuffer';
      socket.onopen = () => { tiles.retries = 0; };
      socket.onmessage = event => tiles.draw(new Uint8Array(event.data));
      socket.onclose = event => {
        tiles.socket = null;
        if (event.code === 1008) {
          document.querySelectorAll('.tile-frame').forEach(frame => frame.classList.add('kicked'));
          return;
        }
        if (tiles.running && !document.hidden) {
          tiles.timer = setTimeout(tiles.connect, Math.min(10000, 500 * 2 ** tiles.retries++));
        }
      };
      tiles.socket = socket;
    },

    // The page's set of tiles changed (a camera added or removed): one socket for the new set.
    restart() {
      if (!tiles.running) { return; }
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
      if (previous.startsWith('blob:')) { URL.revokeObjectURL(previous); }
    },
  };

  // The dashboard's theme choice, per user name, in this browser.
  const theme = {
    load(user) { try { return localStorage.getItem(`camdashboard.theme.${user}`); } catch { return null; } },
    save(user, value) { try { localStorage.setItem(`camdashboard.theme.${user}`, value); } catch { /* private mode */ } },
  };

  return {
    tiles,
    theme,
    fullscreen(element) { element?.requestFullscreen?.(); },
  };
})();
