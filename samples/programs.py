"""Names of programs, events and specialties, each in Russian, Kazakh and English."""

from __future__ import annotations

PROGRAMS: tuple[tuple[str, str, str], ...] = (
    ("Актуальные вопросы педиатрии", "Педиатрияның өзекті мәселелері", "Current Issues in Pediatrics"),
    ("Неотложная кардиология", "Шұғыл кардиология", "Emergency Cardiology"),
    (
        "Инфекционный контроль в медицинских организациях",
        "Медициналық ұйымдардағы инфекциялық бақылау",
        "Infection Control in Healthcare Facilities",
    ),
    (
        "Ультразвуковая диагностика в акушерстве и гинекологии",
        "Акушерлік және гинекологиядағы ультрадыбыстық диагностика",
        "Ultrasound Diagnostics in Obstetrics and Gynecology",
    ),
    ("Базовая сердечно-легочная реанимация", "Базалық жүрек-өкпе реанимациясы", "Basic Life Support"),
    (
        "Клиническая фармакология антибиотиков",
        "Антибиотиктердің клиникалық фармакологиясы",
        "Clinical Pharmacology of Antibiotics",
    ),
    ("Сестринское дело в хирургии", "Хирургиядағы мейіргер ісі", "Surgical Nursing"),
    ("Анестезиология и реаниматология", "Анестезиология және реаниматология", "Anesthesiology and Intensive Care"),
    (
        "Управление качеством медицинской помощи",
        "Медициналық көмек сапасын басқару",
        "Quality Management in Health Care",
    ),
    ("Эндоскопическая хирургия", "Эндоскопиялық хирургия", "Endoscopic Surgery"),
    (
        "Современные методы лечения сахарного диабета",
        "Қант диабетін емдеудің заманауи әдістері",
        "Modern Treatment of Diabetes Mellitus",
    ),
    ("Паллиативная помощь", "Паллиативтік көмек", "Palliative Care"),
    (
        "Интегрированное ведение болезней детского возраста",
        "Балалар жасындағы ауруларды кіріктірілген жүргізу",
        "Integrated Management of Childhood Illness",
    ),
    ("Доказательная медицина", "Дәлелді медицина", "Evidence-Based Medicine"),
    (
        "Лучевая диагностика заболеваний органов грудной клетки",
        "Кеуде қуысы ағзалары ауруларының сәулелік диагностикасы",
        "Chest Imaging",
    ),
)
CONFERENCES: tuple[tuple[str, str, str], ...] = (
    ("Инновации в кардиологии", "Кардиологиядағы инновациялар", "Innovations in Cardiology"),
    ("Здоровье матери и ребенка", "Ана мен бала денсаулығы", "Maternal and Child Health"),
    ("Актуальные проблемы онкологии", "Онкологияның өзекті мәселелері", "Current Problems of Oncology"),
    (
        "Первичная медико-санитарная помощь: новые подходы",
        "Алғашқы медициналық-санитариялық көмек: жаңа тәсілдер",
        "Primary Health Care: New Approaches",
    ),
)
SPECIALTIES: tuple[tuple[str, str, str], ...] = (
    ("Лечебное дело", "Емдеу ісі", "General Medicine"),
    ("Общая медицина", "Жалпы медицина", "General Medicine"),
    ("Сестринское дело", "Мейіргер ісі", "Nursing"),
    ("Педиатрия", "Педиатрия", "Pediatrics"),
    ("Стоматология", "Стоматология", "Dentistry"),
    ("Терапия", "Терапия", "Internal Medicine"),
    ("Акушерство и гинекология", "Акушерлік және гинекология", "Obstetrics and Gynecology"),
    ("Фармация", "Фармация", "Pharmacy"),
)
