// "Copy link" buttons: copy data-copy to the clipboard and say so to screen readers too.
document.querySelectorAll("[data-copy]").forEach((button) => {
  button.addEventListener("click", async () => {
    const feedback = document.querySelector(".copy-feedback");
    try {
      await navigator.clipboard.writeText(button.dataset.copy);
    } catch (error) {
      const field = document.getElementById("verify-link");
      if (field) { field.select(); document.execCommand("copy"); }
    }
    if (feedback) { feedback.textContent = feedback.dataset.copied; }
  });
});
