// Reports what happens on a personal page. Only a browser running this script counts as a view,
// so link-preview bots that fetch the HTML are never counted.
(function () {
  var body = document.body;
  var token = body.getAttribute('data-token');
  var endpoint = body.getAttribute('data-track') + '/e';
  if (!token) return;
  function send(type, detail) {
    // text/plain keeps the beacon a simple request: no preflight, no lost events on unload.
    var event = { token: token, type: type };
    for (var key in detail || {}) event[key] = detail[key];
    var data = JSON.stringify(event);
    var queued = navigator.sendBeacon && navigator.sendBeacon(endpoint, new Blob([data], { type: 'text/plain' }));
    if (!queued) fetch(endpoint, { method: 'POST', body: data, headers: { 'content-type': 'text/plain' }, keepalive: true }).catch(function () {});
  }
  send('view');
  var video = document.querySelector('video');
  if (!video) return;
  var sent = {};
  function once(type) {
    if (sent[type]) return;
    sent[type] = true;
    send(type);
  }

  // Seconds actually watched: second s counts once playback runs through its middle (s + 0.5)
  // without a seek, so skipping ahead watches nothing. Kept as a bitmap for the retention curve.
  var watched = [];
  var watchedCount = 0;
  var last = null;
  var unsent = false;
  function mark(from, to) {
    for (var second = Math.ceil(from - 0.5); second + 0.5 < to; second += 1) {
      if (second < 0 || watched[second]) continue;
      watched[second] = true;
      watchedCount += 1;
      unsent = true;
    }
  }
  function advance() {
    var now = video.currentTime;
    // A jump of more than a few seconds between updates is a seek, not watching.
    if (last !== null && !video.seeking && now >= last && now - last < 3 * Math.max(1, video.playbackRate)) mark(last, now);
    last = video.seeking ? null : now;
    if (!video.duration) return;
    var percent = (now / video.duration) * 100;
    // 10 % buckets, and the quartiles `kindly stats` reports.
    [10, 20, 25, 30, 40, 50, 60, 70, 75, 80, 90].forEach(function (bucket) { if (percent >= bucket) once('progress_' + bucket); });
    if (watchedCount >= 0.8 * video.duration) once('complete');
  }
  function bitmap() {
    var bytes = new Uint8Array(Math.ceil(watched.length / 8));
    for (var second = 0; second < watched.length; second += 1) if (watched[second]) bytes[second >> 3] |= 1 << (second & 7);
    var text = '';
    for (var index = 0; index < bytes.length; index += 1) text += String.fromCharCode(bytes[index]);
    return btoa(text);
  }
  function report() {
    advance();
    if (!unsent || !video.duration) return;
    unsent = false;
    send('watched', { seconds: bitmap(), duration: Math.round(video.duration) });
  }

  video.addEventListener('play', function () {
    last = video.currentTime;
    once('play');
  });
  video.addEventListener('seeking', function () { last = null; });
  video.addEventListener('seeked', function () { last = video.currentTime; });
  video.addEventListener('timeupdate', function () { if (!video.paused) advance(); });
  video.addEventListener('pause', report);
  video.addEventListener('ended', report);
  window.addEventListener('pagehide', report);
  document.addEventListener('visibilitychange', function () { if (document.visibilityState === 'hidden') report(); });
})();
