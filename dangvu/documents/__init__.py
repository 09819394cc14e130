"""Party documents (QĐ 66-QĐ/TW, HD 36-HD/VPTW format) rendered from editable .docx templates."""
