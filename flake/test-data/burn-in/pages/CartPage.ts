/** The cart "page": a page object without a browser. */
export class CartPage {
  items: string[] = [];
  add(item: string) {
    this.items.push(item);
  }
}
