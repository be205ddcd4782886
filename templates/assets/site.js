/* Optional extras; every page is complete and usable without them. */
(function () {
  var nav = document.querySelector('.main-nav');
  if (nav) {
    var closeAll = function () {
      nav.querySelectorAll('details[open]').forEach(function (d) { d.open = false; });
    };
    // Escape closes the innermost open menu and puts focus back on its toggle.
    nav.addEventListener('keydown', function (e) {
      var open = e.key === 'Escape' && e.target.closest('details[open]');
      if (!open) return;
      open.open = false;
      open.querySelector('summary').focus();
    });
    // A click elsewhere, or focus moving on past the menu, closes it.
    document.addEventListener('click', function (e) { if (!nav.contains(e.target)) closeAll(); });
    nav.addEventListener('focusout', function (e) { if (e.relatedTarget && !nav.contains(e.relatedTarget)) closeAll(); });
  }
  // "Today" is the day the site was built; on a later visit, show the hours of the visitor's today.
  document.querySelectorAll('.today[data-today]').forEach(function (p) {
    try {
      var zone = p.getAttribute('data-zone');
      var now = new Date();
      var date = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
      var day = new Intl.DateTimeFormat('en-US', { timeZone: zone, weekday: 'long' }).format(now).toLowerCase();
      document.querySelectorAll('table.hours[data-location="' + p.getAttribute('data-location') + '"] tr').forEach(function (tr) {
        tr.classList.toggle('is-today', (' ' + (tr.getAttribute('data-days') || '') + ' ').indexOf(' ' + day + ' ') >= 0);
      });
      if (date === p.getAttribute('data-today')) return;
      var special = JSON.parse(p.getAttribute('data-exceptions') || '[]').filter(function (x) { return x.date === date; })[0];
      var text = special ? special.text : p.getAttribute('data-' + day);
      var time = p.querySelector('time');
      time.setAttribute('datetime', date);
      time.textContent = new Intl.DateTimeFormat(document.documentElement.lang || 'en', { timeZone: zone, dateStyle: 'full' }).format(now);
      p.querySelector('.today-hours').textContent = text || 'Closed';
      p.querySelector('.today-note').textContent = special && special.note ? '(' + special.note + ')' : '';
      p.classList.toggle('is-closed', special ? special.closed : (' ' + p.getAttribute('data-closed') + ' ').indexOf(' ' + day + ' ') >= 0);
    } catch (err) { /* keep the built text */ }
  });
})();
