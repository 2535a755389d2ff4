// onboarding page: progressive enhancement only; the page works without it.
"use strict";
(() => {
  // Move to the error message after a failed step, so it is read out first.
  const error = document.getElementById("form-error");
  if (error) {
    error.focus();
  }

  // Weights only for the kettlebell and dumbbells she has ticked. Hidden fields are disabled,
  // so they are not sent.
  for (const kind of ["kettlebell", "dumbbells"]) {
    const box = document.querySelector(`input[name="training.equipment"][value="${kind}"]`);
    const field = document.querySelector(`.field.reveal.${kind}`);
    const input = field && field.querySelector("input");
    if (!box || !input) {
      continue;
    }
    const update = () => {
      const show = box.checked || input.getAttribute("aria-invalid") === "true";
      field.hidden = !show;
      input.disabled = !show;
    };
    box.addEventListener("change", update);
    update();
  }

  // A warning sign ticked: say at once that this means getting help now.
  const flagNow = document.getElementById("flag-now");
  if (flagNow) {
    const boxes = document.querySelectorAll('input[name="health.red_flags"]');
    const update = () => {
      flagNow.hidden = !Array.from(boxes).some((b) => b.checked);
    };
    boxes.forEach((b) => b.addEventListener("change", update));
    update();
  }
})();
