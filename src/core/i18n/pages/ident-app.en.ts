/** The AOK Ident app (manual 003): activation with the letter, the GesundheitsID-Code, "Geräte", "Code vergessen". */
export const identAppPagesEn: Record<string, string> = {
  'AOK Ident': 'AOK Ident',
  '„AOK Ident“-App': '"AOK Ident" app',
  'Die „AOK Ident“-App benötigt JavaScript: Sie erzeugt und verwahrt den Schlüssel Ihres Geräts. Bitte aktivieren Sie JavaScript oder nutzen Sie das Programm':
    'The "AOK Ident" app needs JavaScript: it creates and keeps the key of your device. Please turn on JavaScript or use the program',
  'für das Terminal.': 'for the terminal.',
  'AOK Ident aktivieren': 'Activate AOK Ident',
  'Geben Sie Ihre Versichertennummer und den Aktivierungscode aus Ihrem Brief „Ihre Aktivierung der AOK Ident-App“ ein.':
    'Enter your health insurance number and the activation code from your letter "Ihre Aktivierung der AOK Ident-App".',
  'Versichertennummer (KVNR)': 'Health insurance number (KVNR)',
  'Ein Buchstabe und neun Ziffern, wie auf Ihrer Gesundheitskarte und im Brief.': 'One letter and nine digits, as on your health card and in the letter.',
  'Zwölf Zeichen, wie im Brief geschrieben.': 'Twelve characters, as written in the letter.',
  'GesundheitsID-Code festlegen': 'Set your GesundheitsID-Code',
  'Legen Sie Ihren GesundheitsID-Code fest (sechs Ziffern). Mit ihm bestätigen Sie künftig jede Anmeldung in der App.':
    'Set your GesundheitsID-Code (six digits). From now on you confirm every login in the app with it.',
  'GesundheitsID-Code': 'GesundheitsID-Code',
  'GesundheitsID-Code wiederholen': 'Repeat the GesundheitsID-Code',
  'Der GesundheitsID-Code muss sechs Stellen beinhalten: Erlaubt sind nur Zahlen, wobei mindestens drei verschiedene Zahlen zu verwenden sind und keine auf- oder absteigende Zahlenreihe gestattet ist.':
    'The GesundheitsID-Code must have six digits: only numbers are allowed, at least three different digits must be used, and no ascending or descending sequence is permitted.',
  'Ihre AOK Ident-App ist aktiviert': 'Your AOK Ident app is activated',
  'Mit der App und Ihrem GesundheitsID-Code melden Sie sich künftig in Ihrer elektronischen Patientenakte (ePA) an.':
    'From now on you log in to your electronic patient record (ePA) with the app and your GesundheitsID-Code.',
  'Um sich in Ihrer elektronischen Patientenakte (ePA) anzumelden, scannen Sie mit dieser App den QR-Code auf der Anmeldeseite und geben anschließend Ihren GesundheitsID-Code ein.':
    'To log in to your electronic patient record (ePA), scan the QR code on the login page with this app and then enter your GesundheitsID-Code.',
  'Anmeldung in Ihrer ePA': 'Logging in to your ePA',
  'Geräte': 'Devices',
  'Bitte geben Sie Ihren GesundheitsID-Code ein, um die Geräte Ihrer AOK Ident-App zu sehen.': 'Please enter your GesundheitsID-Code to see the devices of your AOK Ident app.',
  'Code vergessen': 'Forgotten code',
  'Ihre AOK Ident-App ist auf diesen Geräten aktiviert. Sie können höchstens zwei Geräte gleichzeitig nutzen.':
    'Your AOK Ident app is activated on these devices. You can use at most two devices at the same time.',
  'dieses Gerät': 'this device',
  'aktiviert am': 'activated on',
  'Gerät entfernen': 'Remove device',
  'Möchten Sie dieses Gerät entfernen? Es kann danach nicht mehr für Anmeldungen genutzt werden.': 'Do you want to remove this device? It can then no longer be used for logins.',
  'Ihr GesundheitsID-Code ist nur Ihnen bekannt und kann nicht wiederhergestellt werden. Nach fünf falschen Eingaben wird das Gerät gesperrt.':
    'Only you know your GesundheitsID-Code, and it cannot be recovered. After five wrong entries the device is locked.',
  'Ihre AOK sendet Ihnen einen neuen Aktivierungsbrief. Mit ihm aktivieren Sie die App neu und legen einen neuen GesundheitsID-Code fest. Für den neuen Brief prüft Ihre AOK Ihre Identität: vor Ort mit Ausweis, mit Ihrer elektronischen Gesundheitskarte und PIN oder mit der Online-Ausweisfunktion Ihres Personalausweises.':
    'Your AOK sends you a new activation letter. With it you activate the app again and set a new GesundheitsID-Code. For the new letter your AOK checks your identity: on site with your ID card, with your electronic health card and its PIN, or with the online ID function of your identity card.',
  'So erreichen Sie Ihre AOK:': 'How to reach your AOK:',
  'Ihre AOK-Geschäftsstelle vor Ort': 'Your local AOK office',
};
