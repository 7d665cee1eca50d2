// Switching variants updates ?variant= (no reload), the price and the buy button, then
// announces the change so app blocks' scripts can follow (event "variant:change").
const picker = document.querySelector("[data-variant-picker]");
const button = document.querySelector("[data-add-button]");
const price = document.querySelector("[data-price]");

if (picker) {
  picker.addEventListener("change", () => {
    const option = picker.selectedOptions[0];
    if (!option) return;
    const url = new URL(window.location.href);
    url.searchParams.set("variant", picker.value);
    window.history.replaceState(window.history.state, "", url);
    const available = option.dataset.available === "true";
    if (price) price.textContent = option.dataset.price ?? "";
    if (button) {
      button.disabled = !available;
      button.textContent = available ? button.dataset.labelAdd : button.dataset.labelSoldOut;
    }
    document.dispatchEvent(new CustomEvent("variant:change", { detail: { variantId: Number(picker.value), available } }));
  });
}
