// An administrative unit's name as written inside a Vietnamese sentence: the kind word
// is lower case there ("người dân ở xã Phú Hưng"), a department keeps its capital.
const KIND_WORDS = /^(Xã|Phường|Thị trấn|Thị xã|Đặc khu|Huyện|Tỉnh|Thành phố)(?= )/;

export function unitNameInSentence(name: string): string {
  return name.replace(KIND_WORDS, (word) => word.toLowerCase());
}
