// Mounts the live player into <div data-live-player> with the recipient's record, from the page's
// personal payload once it is opened (the kindly:personal event, or window.kindlyPersonal if it
// came first): the HTML itself holds nothing personal. Once it runs, it replaces the fallback (MP4 or poster).
(function () {
  var slot = document.querySelector('[data-live-player]');
  if (!slot || !window.kindlyPlayer) return;
  function start(record) {
    window.kindlyPlayer
      .mount(slot, { templateId: slot.dataset.template, props: record, staticBase: slot.dataset.staticBase })
      .then(function () {
        slot.hidden = false;
        slot.dataset.liveState = 'ready';
        document.querySelectorAll('[data-live-fallback]').forEach(function (element) {
          element.hidden = true;
          element.querySelectorAll('video').forEach(function (video) { video.pause(); });
        });
        document.querySelectorAll('[data-live-download]').forEach(function (element) { element.hidden = false; });
      })
      .catch(function () { slot.dataset.liveState = 'failed'; });
  }
  document.addEventListener('kindly:personal', function (event) { start(event.detail.record); });
  if (window.kindlyPersonal) start(window.kindlyPersonal.record);
})();
