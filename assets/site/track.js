// Reports what happens on a personal page. Only a browser running this script counts as a view,
// so link-preview bots that fetch the HTML are never counted.
(function () {
  var body = document.body;
  var token = body.getAttribute('data-token');
  var endpoint = body.getAttribute('data-track') + '/e';
  if (!token) return;
  function send(type) {
    // text/plain keeps the beacon a simple request: no preflight, no lost events on unload.
    var data = JSON.stringify({ token: token, type: type });
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
  video.addEventListener('play', function () { once('play'); });
  video.addEventListener('timeupdate', function () {
    if (!video.duration) return;
    var percent = (video.currentTime / video.duration) * 100;
    [25, 50, 75].forEach(function (quartile) { if (percent >= quartile) once('progress_' + quartile); });
  });
  video.addEventListener('ended', function () { once('complete'); });
})();
