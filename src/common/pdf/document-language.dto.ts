import { EnumField } from 'src/common/validation/fields';
import { DocumentLanguage } from './document-labels';

/** `?lang=` on the routes answering a client's document as a PDF. */
export class DocumentLanguageQueryDto {
  @EnumField(DocumentLanguage, 'DocumentLanguage', {
    optional: true,
    description: "The language of the labels; by default the client's document_language",
  })
  lang?: DocumentLanguage;
}
