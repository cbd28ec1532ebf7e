// The sign-in area never shrinks while a flow runs: a shorter step would pull the device panel and the
// flow inspector up under the reader's eyes (and, on a phone, scroll the page). It keeps the tallest
// height the widget has had since the flow began, and starts over when the next flow starts.

/** Keeps `stage` (the widget's wrapper) at least as tall as `widget` has been; `reset()` at the start of a flow. */
export function keepHeight(stage, widget) {
  let floor = 0;

  function grow() {
    const height = Math.ceil(widget.getBoundingClientRect().height);
    if (height <= floor) return;
    floor = height;
    // Through the CSSOM, which style-src 'self' allows (unlike a style attribute in markup).
    stage.style.minHeight = `${floor}px`;
  }

  new ResizeObserver(grow).observe(widget);

  return {
    reset() {
      floor = 0;
      grow();
    },
  };
}
