// The offline HTML test: language switch, clearing an answer, and on submit the score
// under the test's marking (exactly as `score` computes it), each question's verdict and
// explanation, and the answers as a CSV in the shape `score` reads. No network, ever.
(function () {
  "use strict";
  var test = JSON.parse(document.getElementById("test-data").textContent);
  var labels = JSON.parse(document.getElementById("test-labels").textContent);
  var form = document.getElementById("test");
  var scoreLine = document.getElementById("score");
  var download = document.getElementById("download");

  function label(key) {
    var shown = document.body.getAttribute("data-lang");
    var texts = labels[key].filter(function (one) { return shown === "both" || one.lang === shown; });
    return (texts.length ? texts : labels[key]).map(function (one) { return one.text; }).join(" / ");
  }

  function chosen(number) {
    var picked = form.querySelector('input[name="q' + number + '"]:checked');
    return picked ? picked.value : "";
  }

  // Language switch (bilingual tests only).
  Array.prototype.forEach.call(document.querySelectorAll('input[name="language"]'), function (radio) {
    radio.addEventListener("change", function () {
      document.body.setAttribute("data-lang", radio.value);
      document.documentElement.lang = radio.value === "both" ? "en" : radio.value;
    });
  });

  // A question may be left blank again: blank costs nothing, a wrong answer costs marks.
  Array.prototype.forEach.call(document.querySelectorAll("button.clear"), function (button) {
    button.addEventListener("click", function () {
      var fieldset = document.getElementById(button.getAttribute("data-question"));
      Array.prototype.forEach.call(fieldset.querySelectorAll('input[type="radio"]'), function (radio) {
        radio.checked = false;
      });
    });
  });

  function csvCell(text) {
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function responsesCsv(answers) {
    var header = ["name", "roll", "series"];
    for (var i = 1; i <= answers.length; i++) header.push(String(i));
    var row = [
      document.getElementById("student-name").value.trim(),
      document.getElementById("student-roll").value.trim(),
      test.series,
    ].concat(answers);
    return header.map(csvCell).join(",") + "\n" + row.map(csvCell).join(",") + "\n";
  }

  function format(value) {
    // As `score` writes it: rounded to 2 places (f"{score:.2f}").
    return (Math.round(value * 100) / 100).toFixed(2);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var answers = test.questions.map(function (_, index) { return chosen(index + 1); });
    var right = 0, wrong = 0, blank = 0;
    answers.forEach(function (answer, index) {
      if (!answer) { blank += 1; } else if (test.answers && answer === test.answers[index]) { right += 1; } else { wrong += 1; }
    });
    if (test.collect_only) {
      scoreLine.textContent = label("recorded") + ": " + (answers.length - blank) + " " +
        label("answered") + ", " + blank + " " + label("blank") + ". " + label("hand_in");
    } else {
      var score = right * test.per_question - wrong * test.penalty;
      var maximum = test.per_question * answers.length;
      scoreLine.textContent = label("score") + ": " + format(score) + " (" + label("maximum") +
        " " + String(maximum) + "; " + label("right") + " " + right + ", " + label("wrong") + " " +
        wrong + ", " + label("blank") + " " + blank + ")";
      answers.forEach(function (answer, index) {
        var number = index + 1;
        var result = document.getElementById("q" + number + "-result");
        var key = test.answers[index];
        var verdict, cls;
        if (!answer) { verdict = label("blank") + " (0)"; cls = "blank"; }
        else if (answer === key) { verdict = label("right") + " (+" + test.per_question + ")"; cls = "right"; }
        else { verdict = label("wrong") + " (−" + test.penalty + ")"; cls = "wrong"; }
        verdict += ". " + label("answer_is") + " (" + key.toLowerCase() + ").";
        result.querySelector(".verdict").textContent = verdict;
        result.className = "result " + cls;
        result.hidden = false;
      });
    }
    download.href = "data:text/csv;charset=utf-8," + encodeURIComponent(responsesCsv(answers));
    download.hidden = false;
  });
})();
