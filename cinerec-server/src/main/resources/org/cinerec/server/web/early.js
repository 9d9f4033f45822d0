// The first request of a home screen, sent while the page's modules load (time to first rows): a classic
// script, run before them. The page takes the answer when its home screen is drawn (home.js), or asks again.
(function () {
  try {
    var path = location.pathname;
    var user = path.match(/^\/user\/([^/]+)$/);
    var viewer = JSON.parse(localStorage.getItem('cinerec.viewer') || 'null');
    var id = user ? decodeURIComponent(user[1]) : path === '/' && viewer && viewer.userId;
    if (!id) {
      return;
    }
    var model = localStorage.getItem('cinerec.model');
    var url = '/api/v1/users/' + encodeURIComponent(id) + '/home?k=20' + (model ? '&model=' + encodeURIComponent(model) : '');
    window.cinerecEarly = {
      userId: id, model: model,
      response: fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-store' }),
    };
    window.cinerecEarly.response.catch(function () {});
  } catch (e) {
    window.cinerecEarly = null;
  }
})();
