// The calendar of every date field (common.forms.DateInput, includes/as_of_input.html): the
// field stays a text input read dd/mm/yyyy whatever the browser's locale, the user may type
// in it, and the calendar only writes the day chosen in it. A click on the field, or the Down
// arrow in it, opens the calendar; data-min and data-max (yyyy-mm-dd) bound it. Labels come
// from #datepicker-text (base.html), translated by the server; month and day names from Intl.
(function () {
  "use strict";

  const pad = (n) => String(n).padStart(2, "0");
  const isoOf = (day) => `${String(day.getFullYear()).padStart(4, "0")}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
  const dmyOf = (day) => `${pad(day.getDate())}/${pad(day.getMonth() + 1)}/${String(day.getFullYear()).padStart(4, "0")}`;

  function dayOf(year, month, date) {
    const day = new Date(2000, 0, 1);
    day.setFullYear(year, month, date); // years below 100 are not 19xx
    return day;
  }

  // dd/mm/yyyy as typed, or yyyy-mm-dd from old links; null when it is not a real day.
  function parse(text) {
    const value = (text || "").trim();
    let match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
    let year, month, date;
    if (match) {
      [date, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
    } else if ((match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value))) {
      [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
    } else {
      return null;
    }
    const day = dayOf(year, month - 1, date);
    return day.getMonth() === month - 1 && day.getDate() === date ? day : null;
  }

  function texts() {
    const holder = document.getElementById("datepicker-text");
    const data = holder ? holder.dataset : {};
    return {
      dialog: data.dialog || "Chọn ngày", previous: data.previous || "Tháng trước",
      next: data.next || "Tháng sau", month: data.month || "Tháng", year: data.year || "Năm",
      today: data.today || "Hôm nay", close: data.close || "Đóng",
    };
  }

  function capitalised(text) {
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  function element(tag, attributes, text) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, value);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  let open = null; // {input, popup, view: first day of the month shown, min, max}

  // A field without bounds (the server checks every date anyway) offers a century back and
  // ten years ahead, so the year list stays finite.
  function bounds(input) {
    const now = today();
    return {
      min: parse(input.dataset.min) || dayOf(now.getFullYear() - 100, 0, 1),
      max: parse(input.dataset.max) || dayOf(now.getFullYear() + 10, 11, 31),
    };
  }

  function today() {
    const now = new Date();
    return dayOf(now.getFullYear(), now.getMonth(), now.getDate());
  }

  function clamp(day, min, max) {
    return day < min ? min : day > max ? max : day;
  }

  function build(input) {
    const label = texts();
    const lang = document.documentElement.lang || "vi";
    const popup = element("div", { class: "datepicker shadow", role: "dialog", "aria-label": label.dialog });
    const head = element("div", { class: "datepicker-head" });
    const previous = element("button", { type: "button", class: "btn btn-sm btn-light", "data-step": "-1", "aria-label": label.previous }, "‹");
    const next = element("button", { type: "button", class: "btn btn-sm btn-light", "data-step": "1", "aria-label": label.next }, "›");
    const month = element("select", { class: "form-select form-select-sm", "data-part": "month", "aria-label": label.month });
    const monthName = new Intl.DateTimeFormat(lang, { month: "long" });
    for (let m = 0; m < 12; m += 1) {
      month.append(element("option", { value: String(m) }, capitalised(monthName.format(dayOf(2000, m, 1)))));
    }
    const year = element("select", { class: "form-select form-select-sm", "data-part": "year", "aria-label": label.year });
    const { min, max } = bounds(input);
    for (let y = max.getFullYear(); y >= min.getFullYear(); y -= 1) {
      year.append(element("option", { value: String(y) }, String(y)));
    }
    head.append(previous, month, year, next);
    const table = element("table", { class: "datepicker-grid" });
    const names = element("tr");
    const weekday = new Intl.DateTimeFormat(lang, { weekday: "narrow" });
    const longWeekday = new Intl.DateTimeFormat(lang, { weekday: "long" });
    for (let d = 0; d < 7; d += 1) {
      const monday = dayOf(2024, 0, 1 + d); // 1/1/2024 was a Monday: weeks start on Monday
      names.append(element("th", { scope: "col", abbr: longWeekday.format(monday) }, weekday.format(monday)));
    }
    table.append(element("thead"), element("tbody"));
    table.tHead.append(names);
    const foot = element("div", { class: "datepicker-foot" });
    foot.append(
      element("button", { type: "button", class: "btn btn-sm btn-link", "data-today": "" }, label.today),
      element("button", { type: "button", class: "btn btn-sm btn-link", "data-close": "" }, label.close),
    );
    popup.append(head, table, foot);
    return popup;
  }

  function render(focus) {
    const { popup, view, min, max, input } = open;
    const selected = parse(input.value);
    const now = today();
    popup.querySelector("[data-part=month]").value = String(view.getMonth());
    popup.querySelector("[data-part=year]").value = String(view.getFullYear());
    popup.querySelector("[data-step='-1']").disabled = view <= dayOf(min.getFullYear(), min.getMonth(), 1);
    popup.querySelector("[data-step='1']").disabled = view >= dayOf(max.getFullYear(), max.getMonth(), 1);
    const todayButton = popup.querySelector("[data-today]");
    todayButton.disabled = now < min || now > max;
    const body = popup.querySelector("tbody");
    body.replaceChildren();
    const lead = (view.getDay() + 6) % 7; // Monday first
    const last = dayOf(view.getFullYear(), view.getMonth() + 1, 0).getDate();
    const target = focus || selected || now;
    let row = null;
    for (let cell = 0; cell < Math.ceil((lead + last) / 7) * 7; cell += 1) {
      if (cell % 7 === 0) row = body.appendChild(element("tr"));
      const date = cell - lead + 1;
      const td = row.appendChild(element("td"));
      if (date < 1 || date > last) continue;
      const day = dayOf(view.getFullYear(), view.getMonth(), date);
      const button = element("button", { type: "button", class: "datepicker-day", "data-day": isoOf(day), "aria-label": dmyOf(day), tabindex: "-1" }, String(date));
      if (day < min || day > max) button.disabled = true;
      if (selected && isoOf(day) === isoOf(selected)) button.setAttribute("aria-pressed", "true");
      if (isoOf(day) === isoOf(now)) button.setAttribute("aria-current", "date");
      td.append(button);
    }
    const days = Array.from(body.querySelectorAll(".datepicker-day:enabled"));
    const roving = days.find((b) => b.dataset.day === isoOf(target)) || days[0];
    if (roving) roving.tabIndex = 0;
    return roving;
  }

  // Below the field, in the coordinates of the calendar's containing block (CSSOM styles are
  // allowed by the CSP; style attributes in markup are not).
  function place() {
    const { input, popup } = open;
    const parent = popup.offsetParent || document.body;
    const box = parent.getBoundingClientRect();
    const field = input.getBoundingClientRect();
    popup.style.top = `${field.bottom - box.top - parent.clientTop + parent.scrollTop + 2}px`;
    // Kept inside the window: a field near its right edge opens the calendar leftwards.
    const left = Math.min(field.left, document.documentElement.clientWidth - popup.offsetWidth - 4);
    popup.style.left = `${Math.max(left, 0) - box.left - parent.clientLeft + parent.scrollLeft}px`;
  }

  function show(input, focusGrid) {
    if (open && open.input === input) {
      if (focusGrid) focusDay();
      return;
    }
    close(false);
    const { min, max } = bounds(input);
    const start = clamp(parse(input.value) || today(), min, max);
    open = { input, popup: build(input), view: dayOf(start.getFullYear(), start.getMonth(), 1), min, max };
    input.after(open.popup);
    input.setAttribute("aria-expanded", "true");
    render(start);
    place();
    if (focusGrid) focusDay();
  }

  function focusDay() {
    const roving = open.popup.querySelector(".datepicker-day[tabindex='0']");
    if (roving) roving.focus();
  }

  function close(refocus) {
    if (!open) return;
    const { input, popup } = open;
    open = null;
    popup.remove();
    input.setAttribute("aria-expanded", "false");
    if (refocus) input.focus();
  }

  function moveTo(day) {
    const target = clamp(day, open.min, open.max);
    open.view = dayOf(target.getFullYear(), target.getMonth(), 1);
    const roving = render(target);
    if (roving) roving.focus();
  }

  function choose(day) {
    const { input } = open;
    input.value = dmyOf(day);
    close(true);
    input.dispatchEvent(new Event("input", { bubbles: true }));
    input.dispatchEvent(new Event("change", { bubbles: true }));
  }

  document.addEventListener("click", function (event) {
    const target = event.target;
    if (target.matches && target.matches("input[data-datepicker]")) {
      show(target, false);
      return;
    }
    if (!open) return;
    if (!open.popup.contains(target)) {
      close(false);
      return;
    }
    const button = target.closest("button");
    if (!button || button.disabled) return;
    if (button.dataset.day) choose(parse(button.dataset.day));
    else if (button.dataset.step) {
      open.view = dayOf(open.view.getFullYear(), open.view.getMonth() + Number(button.dataset.step), 1);
      render(null);
    } else if (button.hasAttribute("data-today")) choose(today());
    else if (button.hasAttribute("data-close")) close(true);
  });

  document.addEventListener("change", function (event) {
    if (!open || !open.popup.contains(event.target)) return;
    const month = open.popup.querySelector("[data-part=month]").value;
    const year = open.popup.querySelector("[data-part=year]").value;
    open.view = dayOf(Number(year), Number(month), 1);
    render(null);
  });

  const STEPS = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 };

  document.addEventListener("keydown", function (event) {
    const target = event.target;
    if (target.matches && target.matches("input[data-datepicker]")) {
      if (event.key === "ArrowDown") {
        event.preventDefault();
        show(target, true);
      } else if (event.key === "Escape" && open) {
        close(false);
      }
      return;
    }
    if (!open || !open.popup.contains(target)) return;
    if (event.key === "Escape") {
      event.preventDefault();
      close(true);
      return;
    }
    if (!target.dataset.day) return;
    const day = parse(target.dataset.day);
    if (event.key in STEPS) {
      moveTo(dayOf(day.getFullYear(), day.getMonth(), day.getDate() + STEPS[event.key]));
    } else if (event.key === "PageUp" || event.key === "PageDown") {
      const months = event.key === "PageUp" ? -1 : 1;
      const last = dayOf(day.getFullYear(), day.getMonth() + months + 1, 0).getDate();
      moveTo(dayOf(day.getFullYear(), day.getMonth() + months, Math.min(day.getDate(), last)));
    } else {
      return;
    }
    event.preventDefault();
  });

  // Focus leaving the field and its calendar (Tab past it, another field clicked) closes it.
  document.addEventListener("focusin", function (event) {
    if (open && event.target !== open.input && !open.popup.contains(event.target)) close(false);
  });
})();
