export class SearchPage {
  search(term: string): string[] {
    return ['apple', 'apricot', 'banana'].filter((item) => item.startsWith(term));
  }
}
