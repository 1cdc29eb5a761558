// Progressive enhancement of the categories page, and nothing else: a search field above each So.market
// category select that narrows its options as the merchant types (accents and case ignored). Without this
// script the selects work as they are (and a select already jumps to what is typed on it).
(function () {
  'use strict';
  function fold(text) {
    return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  }
  document.querySelectorAll('select[data-search]').forEach(function (select) {
    var input = document.createElement('input');
    input.type = 'search';
    input.className = 'filter';
    input.id = select.id + '-search';
    input.setAttribute('aria-label', select.getAttribute('data-search'));
    input.setAttribute('placeholder', select.getAttribute('data-search'));
    input.setAttribute('aria-controls', select.id);
    select.parentNode.insertBefore(input, select);
    input.addEventListener('input', function () {
      var wanted = fold(input.value.trim());
      var first = null;
      select.querySelectorAll('option').forEach(function (option) {
        var shown = wanted === '' || option.value === '' || option.selected || fold(option.text).indexOf(wanted) >= 0;
        option.hidden = !shown;
        if (shown && first === null && option.value !== '' && wanted !== '' && fold(option.text).indexOf(wanted) >= 0) {
          first = option;
        }
      });
      select.querySelectorAll('optgroup').forEach(function (group) {
        group.hidden = !Array.prototype.some.call(group.querySelectorAll('option'), function (o) { return !o.hidden; });
      });
      if (first !== null) {
        select.value = first.value;
      }
    });
  });
})();
