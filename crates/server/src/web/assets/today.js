// today page: progressive enhancement only; the page works without it.
// A set's Done is posted with fetch (the same form body, CSRF field included) and ticked in
// place; then a rest timer counts down the plan's rest, with +30 s and Skip, and vibrates at the end.
"use strict";
(() => {
  const timer = document.getElementById("rest-timer");
  const count = document.getElementById("rest-count");
  const bar = document.getElementById("rest-progress");
  const nextLine = document.getElementById("rest-next");
  const announce = document.getElementById("announce");
  const progressText = document.getElementById("sets-progress");

  const say = (text) => {
    if (!announce) return;
    announce.textContent = "";
    window.setTimeout(() => { announce.textContent = text; }, 60);
  };
  const clock = (s) => `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;

  let endAt = 0;
  let total = 0;
  let handle = 0;
  let spoke10 = false;
  let nextText = "";
  let hideHandle = 0;

  function hideRest() {
    window.clearInterval(handle);
    window.clearTimeout(hideHandle);
    handle = 0;
    if (timer) {
      timer.hidden = true;
      timer.classList.remove("over");
    }
    document.body.classList.remove("resting");
  }

  function draw() {
    const left = Math.max(0, Math.ceil((endAt - Date.now()) / 1000));
    count.textContent = clock(left);
    bar.max = total;
    bar.value = left;
    if (left === 10 && !spoke10 && total > 15) {
      spoke10 = true;
      say("10 seconds left.");
    }
    if (left <= 0) {
      window.clearInterval(handle);
      handle = 0;
      timer.classList.add("over");
      count.textContent = "Go";
      if (navigator.vibrate) navigator.vibrate([200, 100, 200]);
      say(`Rest over. ${nextText}`);
      hideHandle = window.setTimeout(hideRest, 4000);
    }
  }

  function startRest(seconds, next) {
    if (!timer || !count || !bar || seconds <= 0) return;
    hideRest();
    total = seconds;
    endAt = Date.now() + seconds * 1000;
    spoke10 = false;
    nextText = next;
    nextLine.textContent = next;
    timer.hidden = false;
    document.body.classList.add("resting");
    draw();
    handle = window.setInterval(draw, 250);
  }

  document.getElementById("rest-more")?.addEventListener("click", () => {
    if (!handle) {
      // Over already: start 30 s more.
      startRest(30, nextText);
    } else {
      endAt += 30000;
      total += 30;
      draw();
    }
    say("30 seconds added.");
  });
  document.getElementById("rest-skip")?.addEventListener("click", () => {
    hideRest();
    say("Rest skipped.");
    const next = document.querySelector("li.set.open button.done");
    if (next) next.focus();
  });

  function updateProgress() {
    if (!progressText) return;
    const total = Number(progressText.dataset.total || 0);
    const done = document.querySelectorAll("section.exercise li.set.done").length;
    progressText.textContent = `${done} of ${total} sets done`;
  }

  function showError(form, field, message) {
    form.querySelectorAll(".js-error").forEach((e) => e.remove());
    form.querySelectorAll("[aria-invalid]").forEach((e) => {
      e.removeAttribute("aria-invalid");
      e.removeAttribute("aria-describedby");
    });
    const row = form.closest("li.set");
    if (row) row.classList.add("has-error");
    const error = document.createElement("span");
    error.className = "field-error js-error";
    error.id = `${row ? row.id : "set"}-js-error`;
    error.setAttribute("role", "alert");
    error.textContent = message;
    const line = form.querySelector(".set-line");
    (line || form).after(error);
    const input = field ? form.querySelector(`[name="${field}"]`) : null;
    if (input && input.type !== "hidden") {
      input.setAttribute("aria-invalid", "true");
      input.setAttribute("aria-describedby", error.id);
      input.focus();
    }
  }

  document.addEventListener("submit", async (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.classList.contains("set-form") || event.defaultPrevented) {
      return;
    }
    event.preventDefault();
    const button = form.querySelector("button.done");
    if (button) {
      if (button.disabled) return;
      button.disabled = true;
      button.classList.add("busy");
    }
    const row = form.closest("li.set");
    const card = form.closest("section.exercise");
    let response;
    try {
      response = await fetch(form.action, {
        method: "POST",
        headers: { Accept: "application/json", "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(new FormData(form)),
        credentials: "same-origin",
      });
    } catch {
      form.submit();
      return;
    }
    const type = response.headers.get("content-type") || "";
    if (!type.includes("application/json")) {
      // Signed out, an expired form, or something else: let the browser show it.
      form.submit();
      return;
    }
    const data = await response.json();
    if (!response.ok) {
      if (button) {
        button.disabled = false;
        button.classList.remove("busy");
      }
      const e = data.error || {};
      showError(form, e.field, e.message || "That did not work; please try again.");
      return;
    }
    if (data.redirect) {
      // A symptom changed the plan: show what changed.
      window.location.assign(data.redirect);
      return;
    }
    const id = row ? row.id : "";
    // The load she lifted is the default of her next sets of this exercise (as on a reload).
    const loadInput = form.querySelector('input[name="load"]');
    const lifted = loadInput ? loadInput.value.trim() : "";
    if (row) row.outerHTML = data.row_html;
    if (card && lifted !== "") {
      card.querySelectorAll('li.set.open input[name="load"]').forEach((input) => {
        input.value = lifted;
      });
    }
    const ticked = id ? document.getElementById(id) : null;
    updateProgress();
    const open = Array.from(document.querySelectorAll("section.exercise li.set.open"));
    const after = ticked ? open.find((r) => ticked.compareDocumentPosition(r) & Node.DOCUMENT_POSITION_FOLLOWING) : null;
    const next = after || open[0];
    const name = card ? card.dataset.name : "";
    const setNumber = id ? id.split("-").pop() : "";
    const doneText = `Set ${setNumber} of ${name} done.`;
    if (!next) {
      hideRest();
      say(`${doneText} All sets done. Well done! Now tell us how it went.`);
      const checkin = document.getElementById("check-in-title");
      if (checkin) {
        checkin.setAttribute("tabindex", "-1");
        checkin.focus({ preventScroll: true });
        checkin.scrollIntoView({ behavior: "smooth", block: "start" });
      }
      return;
    }
    const nextCard = next.closest("section.exercise");
    const nextName = nextCard ? nextCard.dataset.name : "";
    const nextSet = next.id.split("-").pop();
    const nextWords = `Next: set ${nextSet} of ${nextName}.`;
    const rest = Number(card ? card.dataset.rest : 0);
    if (rest > 0) {
      startRest(rest, nextWords);
      say(`${doneText} Rest ${rest} seconds. ${nextWords}`);
    } else {
      say(`${doneText} ${nextWords}`);
    }
    const nextButton = next.querySelector("button.done");
    if (nextButton) nextButton.focus({ preventScroll: true });
    next.scrollIntoView({ behavior: "smooth", block: "center" });
  });
})();
