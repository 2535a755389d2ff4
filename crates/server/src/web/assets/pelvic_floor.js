// pelvic_floor page: progressive enhancement only; the page works without it.
// A guided timer for one round: slow holds (squeeze and hold, then relax for as long), then
// quick squeezes paced at one a second; at the end it offers to tick the round.
"use strict";
(() => {
  const box = document.getElementById("pf-timer");
  if (!box) return;
  const $ = (id) => document.getElementById(id);
  const display = $("pf-display");
  const phase = $("pf-phase");
  const count = $("pf-count");
  const progress = $("pf-progress");
  const start = $("pf-start");
  const pause = $("pf-pause");
  const stop = $("pf-stop");
  const end = $("pf-end");
  const endText = $("pf-end-text");
  const tick = $("pf-tick");
  const announce = $("pf-announce");
  const holds = Number(box.dataset.holds || 0);
  const hold = Number(box.dataset.hold || 0);
  const quick = Number(box.dataset.quick || 0);
  const nextRound = Number(box.dataset.nextRound || 0);
  if (!display || !holds || !hold) return;
  box.hidden = false;

  const say = (text) => {
    announce.textContent = "";
    window.setTimeout(() => { announce.textContent = text; }, 60);
  };

  const steps = [{ kind: "ready", label: "Get ready", secs: 3, note: "Sit comfortably and breathe out" }];
  for (let i = 1; i <= holds; i += 1) {
    const note = `Hold ${i} of ${holds}`;
    steps.push({ kind: "squeeze", label: "Squeeze and hold", secs: hold, note });
    steps.push({ kind: "relax", label: "Relax", secs: hold, note });
  }
  for (let j = 1; j <= quick; j += 1) {
    const note = `Quick squeeze ${j} of ${quick}`;
    steps.push({ kind: "squeeze", label: "Squeeze", secs: 1, note, quick: j });
    steps.push({ kind: "relax", label: "Relax", secs: 1, note, quick: j });
  }

  let index = -1;
  let endAt = 0;
  let pausedLeft = null;
  let handle = 0;

  function draw() {
    const step = steps[index];
    if (step.quick) {
      count.textContent = String(step.quick);
    } else {
      count.textContent = String(Math.max(1, Math.ceil((endAt - Date.now()) / 1000)));
    }
  }

  function enter(i) {
    index = i;
    const step = steps[i];
    endAt = Date.now() + step.secs * 1000;
    display.className = `pf-display ${step.kind}`;
    phase.textContent = step.label;
    progress.textContent = step.note;
    if (step.kind === "squeeze" && navigator.vibrate) navigator.vibrate(60);
    if (!step.quick) {
      say(`${step.label}. ${step.kind === "ready" ? "" : step.note}`);
    } else if (step.quick === 1 && step.kind === "squeeze") {
      say(`Now ${quick} quick squeezes: squeeze, relax, one a second.`);
    }
    draw();
  }

  function loop() {
    if (Date.now() < endAt) {
      draw();
    } else if (index + 1 < steps.length) {
      enter(index + 1);
    } else {
      finish();
    }
  }

  function running(on) {
    start.hidden = on;
    pause.hidden = !on;
    stop.hidden = !on;
  }

  function finish() {
    window.clearInterval(handle);
    handle = 0;
    running(false);
    start.textContent = "Start again";
    display.className = "pf-display relax";
    phase.textContent = "Round done";
    count.textContent = "✓";
    progress.textContent = "Well done!";
    end.hidden = false;
    if (nextRound > 0 && document.getElementById(`tick-${nextRound}`)) {
      endText.textContent = `Round done. Tick round ${nextRound} to count it.`;
      tick.textContent = `Tick round ${nextRound}`;
      tick.hidden = false;
      tick.focus();
    } else {
      endText.textContent = "Round done. Well done!";
      tick.hidden = true;
    }
    if (navigator.vibrate) navigator.vibrate([200, 100, 200]);
    say(endText.textContent);
  }

  start.addEventListener("click", () => {
    end.hidden = true;
    pausedLeft = null;
    pause.textContent = "Pause";
    running(true);
    enter(0);
    window.clearInterval(handle);
    handle = window.setInterval(loop, 100);
    pause.focus();
  });

  pause.addEventListener("click", () => {
    if (pausedLeft === null) {
      pausedLeft = Math.max(0, endAt - Date.now());
      window.clearInterval(handle);
      handle = 0;
      display.className = "pf-display paused";
      phase.textContent = "Paused";
      pause.textContent = "Resume";
      say("Paused. Relax.");
    } else {
      endAt = Date.now() + pausedLeft;
      pausedLeft = null;
      const step = steps[index];
      display.className = `pf-display ${step.kind}`;
      phase.textContent = step.label;
      pause.textContent = "Pause";
      say(`${step.label}. ${step.note}`);
      handle = window.setInterval(loop, 100);
    }
  });

  stop.addEventListener("click", () => {
    window.clearInterval(handle);
    handle = 0;
    pausedLeft = null;
    running(false);
    start.textContent = "Start again";
    display.className = "pf-display";
    phase.textContent = "Stopped";
    count.textContent = "";
    progress.textContent = "Relax. Start again when you are ready.";
    say("Stopped.");
    start.focus();
  });

  tick.addEventListener("click", () => {
    const form = document.getElementById(`tick-${nextRound}`);
    if (!form) return;
    tick.disabled = true;
    if (form.requestSubmit) form.requestSubmit(); else form.submit();
  });
})();
