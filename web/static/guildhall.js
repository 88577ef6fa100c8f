// Progressive enhancement only: every page works without this file.
// On the event form, suggest the browser's own time zone when the field still
// holds the default.
document.addEventListener('DOMContentLoaded', () => {
  const zone = document.getElementById('f-time_zone');
  if (zone && zone.value === 'UTC' && window.Intl) {
    const local = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (local) zone.value = local;
  }
});
