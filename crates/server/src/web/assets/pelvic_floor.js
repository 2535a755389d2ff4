// pelvic_floor page: progressive enhancement only; the page works without it.
"use strict";
