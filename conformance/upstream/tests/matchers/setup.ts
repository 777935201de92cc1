import "./interrupt.js";
