"""Frequency-weighted name lists by origin, written by hand (no downloads).

Each list is ``"Name weight Name weight ..."``; ``_`` stands for a space inside a name
(``de_la_Cruz``); ``/`` separates spelling variants of the *same* name (transliterations:
``Mohammed/Muhammad/Mohamed``), the first being the most common; for Slavic surnames a ``+``
separates the male and female forms (``Ivanov+Ivanova``). Weights are relative (U.S. Census
2010 surname counts in thousands for Anglo and Hispanic surnames; rough rank-based shares
elsewhere).
"""

from __future__ import annotations

# Origin shares in a U.S. immigration-enforcement records store (persons, not records).
ORIGIN_SHARES = {
    "anglo": 0.22,
    "hispanic": 0.45,
    "vietnamese": 0.04,
    "chinese": 0.06,
    "arabic": 0.05,
    "slavic": 0.06,
    "west_african": 0.05,
    "south_asian": 0.07,
}

NAMES: dict[str, dict[str, str]] = {
    "anglo": {
        "family": """
Smith 2442 Johnson 1932 Williams 1625 Brown 1437 Jones 1425 Miller 1161 Davis 1116
Wilson 784 Anderson 762 Taylor 720 Thomas 710 Jackson 708 Martin 702 Moore 698 Lee 693
Thompson 644 White 639 Harris 624 Clark 562 Lewis 557 Robinson 554 Walker 546 Young 484
Allen 482 King 465 Wright 458 Scott 439 Hill 434 Green 430 Adams 427 Nelson 424 Baker 419
Hall 407 Mitchell 404 Roberts 381 Carter 376 Campbell 371 Phillips 351 Turner 348 Evans 342
Parker 330 Collins 317 Edwards 317 Stewart 313 Morris 311 Murphy 308 Cook 302 Rogers 294
Morgan 276 Peterson 270 Cooper 267 Bailey 265 Reed 264 Bell 264 Kelly 260 Howard 254
Ward 254 Richardson 253 Cox 252 Watson 252 Brooks 251 Wood 250 Bennett 247 Gray 246
James 245 Hughes 243 Price 240 Sanders 237 Ross 237 Long 236 Foster 233 Myers 232
Powell 232 Jenkins 231 Perry 230 Russell 229 Butler 229 Sullivan 227 Barnes 224
Fisher 222 Henderson 222 Coleman 221 Simmons 213 Patterson 213 Jordan 213 Reynolds 204
Hamilton 202 Graham 200 Wallace 198 Griffin 193 West 191 Cole 191 Bryant 189 Ellis 189
Hayes 188 Stevens 188 Murray 188 Ford 187 Marshall 187 Owens 186 McDonald/MacDonald 185
Harrison 184 Kennedy 183 Wells 183 Washington 177 Freeman 150 Dixon 140 Campbell-Brown 3
O'Brien/OBrien 80 Jefferson 80 Thomson 40 Reid 60 Anderson-Smith 2
""",
        "male": """
James 4800 John 4700 Robert 4600 Michael 4400 William 3800 David 3600 Richard 2500
Joseph 2400 Thomas 2300 Charles 2200 Christopher 2000 Daniel 1900 Matthew 1600
Anthony 1400 Mark 1300 Donald 1300 Steven/Stephen 1250 Paul 1200 Andrew 1200 Joshua 1200
Kenneth 1100 Kevin 1100 Brian/Bryan 1100 George 1100 Timothy 1000 Ronald 1000 Edward 950
Jason 950 Jeffrey/Geoffrey 950 Ryan 900 Jacob 900 Gary 850 Nicholas 850 Eric/Erik 800
Jonathan 800 Larry 750 Justin 700 Scott 700 Brandon 700 Benjamin 650 Samuel 600
Gregory 600 Alexander 600 Frank 580 Patrick 570 Raymond 560 Jack 540 Dennis 530 Jerry 520
Tyler 500 Aaron 490 Adam 470 Henry 460 Nathan 450 Douglas 440 Zachary 430 Peter 420
Kyle 410 Walter 400 Ethan 390 Jeremy 380 Harold 370 Keith 360 Christian 350 Roger 340
Noah 330 Gerald 320 Carl/Karl 310 Terry 300 Sean/Shawn 300 Austin 290 Arthur 280
Lawrence 280 Jesse 270 Dylan 260 Bruce 230 Albert 220 Willie 220 Gabriel 210 Logan 200
Alan/Allen 200 Marcus 200 Wayne 190 Roy 190 Ralph 180 Randy 180 Eugene 170 Vincent 170
Russell 170 Elijah 160 Louis 160 Philip/Phillip 160 Johnny 150 Terrence 120 Jamal 90
DeShawn 80 Tyrone 80 Darnell 70 Malik 70 Winston 60 Desmond 60 Delroy 40 Clive 30
""",
        "female": """
Mary 3200 Patricia 1500 Jennifer 1450 Linda 1400 Elizabeth 1350 Barbara 1300 Susan 1100
Jessica 1050 Sarah/Sara 1000 Karen 1000 Lisa 950 Nancy 950 Betty 900 Margaret 900
Sandra 850 Ashley 850 Kimberly 800 Emily 800 Donna 750 Michelle 750 Carol 700 Amanda 700
Dorothy 700 Melissa 650 Deborah/Debra 650 Stephanie 600 Rebecca 600 Sharon 600 Laura 580
Cynthia 570 Kathleen 560 Amy 550 Angela 550 Shirley 540 Anna 530 Brenda 520 Pamela 510
Emma 500 Nicole 500 Helen 490 Samantha 480 Katherine/Catherine/Kathryn 470 Christine 460
Rachel 440 Carolyn 430 Janet 420 Heather 400 Diane 390 Ruth 380 Julie 370 Olivia 360
Joyce 350 Virginia 340 Victoria 330 Kelly 320 Lauren 310 Christina 300 Joan 300
Evelyn 290 Judith 280 Megan 280 Andrea 270 Cheryl 270 Hannah 260 Jacqueline 260
Martha 250 Gloria 250 Teresa/Theresa 240 Ann/Anne 240 Madison 230 Frances 220 Janice 210
Jean 210 Abigail 200 Alice 200 Judy 190 Sophia 190 Grace 190 Denise 180 Amber 180
Doris 170 Marilyn 170 Danielle 170 Beverly 160 Isabella 160 Diana 150 Natalie 150
Brittany 150 Charlotte 150 Marie 140 Kayla 140 Alexis 140 Lori 140 Latoya 60 Keisha 50
Tamika 50 Ebony 50 Shanice 40 Marcia 40
""",
    },
    "hispanic": {
        "family": """
García 1166 Rodríguez 1095 Martínez 1060 Hernández 1043 López 874 González 841 Pérez 681
Sánchez 612 Ramírez 557 Torres 437 Flores 426 Rivera 420 Gómez 366 Díaz 365 Reyes 327
Morales 325 Cruz 316 Ortiz 310 Gutiérrez 300 Chávez 290 Ramos 254 Ruiz 243 Álvarez 240
Mendoza 237 Castillo 228 Jiménez 228 Moreno 223 Romero 211 Herrera 204 Medina 203
Aguilar 202 Vásquez/Vázquez 197 Castro 194 Vargas 192 Fernández 190 Guzmán 181 Muñoz 179
Méndez 172 Salazar 166 Soto 165 Delgado 162 Peña 160 Ríos 157 Alvarado 157 Sandoval 154
Contreras 148 Valdez/Valdés 145 Guerrero 144 Ortega 142 Estrada 141 Núñez 140
Maldonado 138 Vega 137 Domínguez 136 Santiago 135 Juárez 133 Espinoza/Espinosa 130
Silva 128 Padilla 127 Acosta 125 Rojas 122 Navarro 120 Campos 118 Cervantes 110
Fuentes 108 Cabrera 105 Molina 105 Luna 104 Ibarra 95 Trujillo 90 de_la_Cruz 80
Velázquez 80 Zúñiga 45 del_Valle 40 Báez 30 Quiñones 30 de_León 30 Villanueva 60
""",
        "male": """
José 2000 Juan 1800 Luis 1200 Carlos 1200 Jesús 900 Miguel 850 Jorge 800 Francisco 750
Antonio 700 Alejandro 600 Manuel 600 Pedro 500 Ricardo 450 Javier/Xavier 450
Fernando 400 Roberto 400 Mario 400 Eduardo 350 Sergio 350 Daniel 350 Rafael 330 Raúl 300
Víctor 300 Óscar 300 Ángel 300 David 300 Héctor 280 Martín 250 Ramón 220 Rubén 200
Arturo 200 Guillermo 200 Enrique 200 Julio 180 Alberto 180 Gerardo 170 Diego 150
Andrés 150 Adrián 130 Armando 130 Gustavo 120 Alfredo 120 Salvador 120 Edgar 120
Ignacio 100 Santiago 100 Marco 100 Cristian/Christian 90 Érick/Erik 80 Rigoberto 60
Nelson 50 Wilmer 40 Brayan 40 Yeison 20
""",
        "female": """
María 3000 Ana 800 Guadalupe 600 Rosa 600 Carmen 500 Juana 400 Patricia 350
Margarita 300 Verónica 300 Elizabeth 300 Gabriela 300 Alejandra 300 Adriana 300
Laura 300 Claudia 300 Sandra 300 Leticia 250 Silvia 250 Martha/Marta 250 Teresa 250
Josefina 200 Isabel 200 Luz 200 Gloria 200 Blanca 200 Yolanda 200 Daniela 200
Lucía 150 Alma 150 Norma 150 Diana 150 Karla 150 Mónica 150 Sofía 120 Paola 120
Lorena 120 Araceli 100 Fernanda 100 Valeria 100 Yesenia 100 Esmeralda 100 Marisol 80
Rocío 80 Ximena/Jimena 60 Dulce 60 Jazmín 60 Consuelo 60 Yadira 40 Wendy 40
""",
        # Second given names of the pair ("José Luis", "María Guadalupe").
        "male2": """
Luis 300 Antonio 250 Manuel 200 Carlos 150 Miguel 150 Ángel 150 José 100 Alberto 100
Francisco 80 Javier 80 Alejandro 80 Eduardo 60 Enrique 60 Ramón 40 de_Jesús 40
""",
        "female2": """
Guadalupe 300 Elena 150 Isabel 150 Teresa 120 Luisa 120 José 100 Fernanda 80
del_Carmen 80 de_Jesús 60 Alejandra 60 Victoria 50 Cristina 50 de_los_Ángeles 50
""",
    },
    "vietnamese": {
        "family": """
Nguyễn 380 Trần 110 Lê 95 Phạm 71 Huỳnh/Hoàng 51 Phan 45 Võ/Vũ 39 Đặng 21 Bùi 20 Đỗ 14
Hồ 13 Ngô 13 Dương 10 Lý 5 Trương 10 Đinh 8 Lâm 6 Tô 4
""",
        "male": """
Minh 40 Tuấn 30 Hùng 30 Dũng 25 Long 25 Nam 25 Hải 20 Hoàng 20 Phong 18 Quang 18 Thành 18
Sơn 15 Khoa 12 Bảo 15 Huy 20 Trung 15 Đạt 12 Vinh 12 Phúc 10 Tâm 10 Thắng 10 Cường 10 An 10
Khánh 10 Tài 8 Thanh 12
""",
        "female": """
Mai 30 Lan 30 Hương 30 Linh 30 Trang 28 Hoa 25 Ngọc 22 Thảo 22 Hạnh 18 Hằng 18 Phương 18
Dung 15 Nga 15 Thủy 15 Vy 15 Anh 20 Nhung 12 Yến 12 Hồng 12 Loan 10 Tuyết 10 Thanh 12
Nhi 12 Oanh 8
""",
        "male_middle": "Văn 70 Đức 8 Minh 8 Hữu 6 Quang 4 Công 4",
        "female_middle": "Thị 85 Ngọc 8 Thu 4 Kim 3",
    },
    "chinese": {
        # pinyin / Wade-Giles (Taiwan) / Cantonese (Hong Kong): same surname, three spellings.
        "family": """
Li/Li/Lee 79 Wang/Wang/Wong 72 Zhang/Chang/Cheung 71 Liu/Liu/Lau 54 Chen/Chen/Chan 45
Yang/Yang/Yeung 31 Zhao/Chao/Chiu 23 Huang/Huang/Wong 22 Wu/Wu/Ng 20 Zhou/Chou/Chow 19
Xu/Hsu/Tsui 17 Sun/Sun/Suen 15 Ma/Ma/Ma 15 Zhu/Chu/Chu 13 Hu/Hu/Woo 13 Guo/Kuo/Kwok 12
He/Ho/Ho 12 Lin/Lin/Lam 11 Gao/Kao/Ko 11 Luo/Lo/Law 9 Zheng/Cheng/Cheng 9
Liang/Liang/Leung 9 Xie/Hsieh/Tse 7 Song/Sung/Sung 6 Tang/Tang/Tong 6 Deng/Teng/Tang 5
Feng/Feng/Fung 5 Cao/Tsao/Tso 5 Ye/Yeh/Yip 4 Cai/Tsai/Choi 4 Pan/Pan/Poon 4 Du/Tu/To 4
Jiang/Chiang/Cheung 4 Yu/Yu/Yue 4 Su/Su/So 3 Wei/Wei/Ngai 3 Zeng/Tseng/Tsang 3
""",
        # pinyin / Wade-Giles / Cantonese given names.
        "male": """
Wei/Wei/Wai 30 Qiang/Chiang/Keung 15 Lei/Lei/Lui 15 Jun/Chun/Chun 15 Yong/Yung/Wing 12
Jie/Chieh/Kit 12 Tao/Tao/To 10 Ming/Ming/Ming 15 Chao/Chao/Chiu 8
Xiaoming/Hsiao-ming/Siu_Ming 10 Jianguo/Chien-kuo/Kin_Kwok 8 Jianhua/Chien-hua/Kin_Wah 8
Zhiwei/Chih-wei/Chi_Wai 10 Guoqiang/Kuo-chiang/Kwok_Keung 8 Junjie/Chun-chieh/Chun_Kit 8
Jianping/Chien-ping/Kin_Ping 6 Zhiqiang/Chih-chiang/Chi_Keung 8 Hao/Hao/Ho 8
Wenjun/Wen-chun/Man_Chun 5 Ka_Ming/Chia-ming/Ka_Ming 5
""",
        "female": """
Fang/Fang/Fong 20 Min/Min/Man 15 Jing/Ching/Ching 20 Li/Li/Lai 15 Yan/Yen/Yin 15
Hui/Hui/Wai 12 Xin/Hsin/Yan 10 Xiaohong/Hsiao-hung/Siu_Hung 8 Haiyan/Hai-yen/Hoi_Yin 8
Xiuying/Hsiu-ying/Sau_Ying 10 Guiying/Kuei-ying/Kwai_Ying 8 Yumei/Yu-mei/Yuk_Mei 8
Meiling/Mei-ling/Mei_Ling 8 Shuhua/Shu-hua/Suk_Wah 6 Lijuan/Li-chuan/Lai_Kuen 8
Wing_Sze/Yung-shih/Wing_Sze 4 Hoi_Yan/Kai-en/Hoi_Yan 3
""",
    },
    "arabic": {
        "family": """
al-Masri/el-Masri/Almasri 8 Haddad 8 Khoury/Khouri/Khuri 8 Nasser/Nasr 7 Saleh/Salih 7
Hussein/Husain/Hussain 9 Abdullah/Abdallah 8 Mansour/Mansur 7 Ibrahim 9 Ahmed/Ahmad 9
Ali 10 Mohammed/Mohamed/Muhammad 9 el-Sayed/al-Sayed/Elsayed 6 Darwish/Darwich 5
Hamdan 5 Aziz 5 Rahman 4 Khalil 6 Youssef/Yusuf/Yousef 6 Othman/Osman/Uthman 5
al-Amin/el-Amin 4 al-Najjar/el-Naggar 4 Bakr 3 Farah 4 Suleiman/Sulaiman/Soliman 5
Qasim/Kassem/Kasim 4 Abdel_Aziz/Abdelaziz/Abd_al-Aziz 4 Abu_Bakr/Abubakr 3 al-Khatib/el-Khatib 4
Hamad 4 Jaber/Jabir 4 Awad 4 Mahmoud/Mahmud 6 Said/Saeed 4
""",
        "male": """
Mohammed/Muhammad/Mohamed/Mohammad/Mohamad/Muhammed 50 Ahmed/Ahmad 20 Ali 15
Omar/Umar 10 Hassan/Hasan 10 Mahmoud/Mahmud 8 Hussein/Husain/Hussain/Hosein 8
Abdullah/Abdallah/Abdulla 8 Mustafa/Mostafa/Moustafa 7 Khaled/Khalid 7
Youssef/Yusuf/Yousef/Youssif 7 Ibrahim/Ebrahim 7 Abdel_Rahman/Abdelrahman/Abdul_Rahman 4
Tarek/Tariq/Tarik 4 Samir/Sameer 4 Karim/Kareem 4 Walid/Waleed 3 Said/Saeed/Sayed 3
Jamal/Gamal 3 Nasser/Nasir 3 Yasser/Yasir 3 Osama/Usama 2 Bilal 2 Hamza 3 Fadi 2
Rami 2 Amir/Ameer 3
""",
        "female": """
Fatima/Fatma/Fatimah 15 Aisha/Aicha/Ayesha 8 Maryam/Mariam/Meriem 8 Nour/Noor/Nur 6
Layla/Leila/Laila 6 Zainab/Zeinab/Zaynab 6 Amina/Aminah 6 Huda/Hoda 4 Salma 4 Rania 4
Yasmin/Yasmine/Jasmin 5 Hana/Hanaa 4 Mona/Muna 3 Khadija/Khadidja/Khadijah 4
Samira/Sameera 3 Reem/Rim 3 Dina 3 Asma/Asmaa 3
""",
    },
    "slavic": {
        "family": """
Ivanov+Ivanova 30 Smirnov+Smirnova 25 Kuznetsov+Kuznetsova 18 Popov+Popova 16
Petrov+Petrova 15 Sokolov+Sokolova 12 Volkov+Volkova 10 Novikov+Novikova 10
Morozov+Morozova 10 Kozlov+Kozlova 8 Lebedev+Lebedeva 8 Kowalski+Kowalska 14 Nowak 16
Wiśniewski+Wiśniewska 10 Wójcik 9 Kowalczyk 8 Lewandowski+Lewandowska 8 Shevchenko 14
Kovalenko 10 Bondarenko 10 Tkachenko 8 Kravchenko 8 Melnyk/Melnik 9 Horvat 5
Kovačević 4 Novák 4 Jovanović 5 Petrović 5 Nikolić 4 Dvořák 3 Novotný+Novotná 3
""",
        "male": """
Aleksandr/Alexander/Oleksandr/Aleksander 20 Sergei/Sergey/Serhiy 18 Dmitri/Dmitry/Dmytro 15
Andrei/Andrey/Andriy 14 Alexei/Aleksey/Oleksiy 10 Vladimir/Volodymyr/Wladimir 12 Ivan 10
Nikolai/Nikolay/Mykola 9 Mikhail/Mykhailo/Michał 9 Yuri/Yury/Yuriy/Jurij 8
Pavel/Pavlo/Paweł 8 Oleg/Oleh 7 Igor/Ihor 8 Viktor/Victor 7 Piotr/Pyotr/Petro 6 Tomasz 6
Krzysztof 5 Marek 5 Jan 5 Bogdan/Bohdan 4 Milan 4 Dragan 3 Nikola 3 Stanisław/Stanislav 4
""",
        "female": """
Natalia/Natalya/Nataliya 14 Olga/Olha 14 Tatiana/Tatyana/Tetiana 12 Elena/Yelena/Olena 14
Irina/Iryna 12 Svetlana 10 Anna 10 Maria/Mariya 8 Ekaterina/Yekaterina/Kateryna 9
Yulia/Julia/Yuliya 8 Anastasia/Anastasiya 8 Oksana 7 Agnieszka 5 Katarzyna 6
Małgorzata 4 Magdalena 4 Jelena 4 Lyudmila/Ludmila/Liudmyla 6
""",
    },
    "west_african": {
        "family": """
Diallo 14 Ndiaye 10 Diop 9 Sow 7 Ba 6 Fall 5 Traoré/Traore 9 Coulibaly/Kulibali 7
Keita/Keïta 6 Camara/Kamara 10 Touré/Toure 6 Sylla 4 Cissé/Cisse 5 Mensah 12 Boateng 8
Owusu 9 Asante 6 Osei 7 Agyeman 4 Appiah 5 Okafor 9 Okonkwo 6 Adeyemi 7 Adebayo 6 Okeke 6
Eze 6 Nwosu 5 Ogunleye 4 Afolabi 4 Bello 5 Abubakar 5 Koroma 5 Conteh 4 Johnson 6 Doe 4
""",
        "male": """
Mamadou/Mamadu 14 Ibrahima 10 Abdoulaye/Abdulai 9 Moussa/Musa 9 Ousmane/Usman 8
Amadou/Ahmadou 8 Cheikh 4 Seydou 4 Kwame 7 Kofi 7 Kwabena 5 Yaw 5 Kwaku 4 Emmanuel 10
Samuel 8 Chinedu 6 Chukwuemeka 5 Oluwaseun 6 Olumide 4 Babatunde 5 Adebayo 4 Ifeanyi 4
Obinna 4 Emeka 5 Femi 4 Sani 3
""",
        "female": """
Fatou/Fatoumata/Fatu 12 Aminata/Aminatou 10 Mariama/Mariam 8 Awa 6 Aïssatou/Aissatou 6
Adama 5 Ama 6 Abena 5 Akosua 4 Efua 3 Adwoa 4 Ngozi 6 Chioma 6 Nneka 5 Funmilayo 4
Folake 3 Oluwakemi 3 Blessing 6 Grace 6 Comfort 4 Precious 4 Esther 5 Mercy 4
""",
    },
    "south_asian": {
        "family": """
Patel 50 Singh 35 Kumar 25 Khan 20 Shah 15 Sharma 14 Ali 8 Gupta 8 Hussain/Hussein 6
Rahman 6 Reddy 6 Das 5 Ahmed 5 Chowdhury/Choudhury/Chaudhry 5 Malik 4 Mehta 4 Rao 4
Verma 4 Iqbal 3 Desai 3 Joshi 3 Nair 3 Mishra 3 Bhatt 3 Iyer 2
""",
        "male": """
Rajesh 10 Amit 10 Rahul 9 Sanjay 8 Vijay 8 Ravi 8 Suresh 7 Anil 7 Ramesh 6 Deepak 6
Arjun 5 Harpreet 5 Gurpreet 6 Jaspreet 4 Manpreet 4 Imran 6 Asif 5 Tariq 4 Bilal 3
Rakesh 5 Vikram 5 Arun 5 Krishna 4 Mohammad/Mohammed/Muhammad 12 Nikhil 4 Rohit 4 Sunil 5
""",
        "female": """
Priya 10 Sunita 8 Anita 8 Pooja 8 Neha 7 Kavita 6 Lakshmi 5 Deepa 5 Rekha 5 Sita 3
Asha 5 Shabnam 3 Ayesha/Aisha 5 Nasreen/Nasrin 4 Farah 3 Harpreet 4 Gurpreet 4
Manpreet 4 Jaspreet 3 Simran 4 Anjali 5 Divya 5 Meena 4 Geeta/Gita 4
""",
    },
}

# Forms used by rules rather than drawn from a list (Sikh women: Kaur for Singh).
EXTRA_NAMES = ("Kaur",)

# Country of birth by origin (ISO 3166-1 alpha-2, relative weights).
COUNTRIES = {
    "anglo": "US 50 JM 14 GB 8 CA 8 TT 5 GY 5 IE 4",
    "hispanic": "MX 48 US 12 GT 10 SV 9 HN 8 CU 3 DO 3 CO 2 VE 2 EC 2 NI 1",
    "vietnamese": "VN 90 US 10",
    "chinese": "CN 60 US 16 TW 12 HK 12",
    "arabic": "EG 15 IQ 15 SY 15 YE 12 JO 8 LB 8 MA 8 US 8 SD 7 SA 4",
    "slavic": "RU 30 UA 30 PL 15 US 13 RS 6 HR 3 CZ 3",
    "west_african": "NG 35 GH 20 SN 12 SL 8 LR 8 ML 7 GN 6 US 4",
    "south_asian": "IN 55 PK 18 BD 12 US 8 NP 7",
}

PLACES = {
    "US": "Los_Angeles Houston Chicago New_York Miami Phoenix San_Antonio Dallas Atlanta "
    "Detroit Philadelphia El_Paso Fresno Denver Charlotte",
    "MX": "Ciudad_de_México Guadalajara Monterrey Puebla Tijuana León Oaxaca Morelia "
    "Acapulco Culiacán Veracruz Zacatecas",
    "GT": "Guatemala Quetzaltenango Huehuetenango Escuintla",
    "SV": "San_Salvador San_Miguel Santa_Ana Usulután",
    "HN": "Tegucigalpa San_Pedro_Sula La_Ceiba Choluteca",
    "CU": "La_Habana Santiago_de_Cuba Camagüey",
    "DO": "Santo_Domingo Santiago_de_los_Caballeros",
    "CO": "Bogotá Medellín Cali",
    "VE": "Caracas Maracaibo",
    "EC": "Quito Guayaquil Cuenca",
    "NI": "Managua León",
    "VN": "Ho_Chi_Minh_City Hanoi Da_Nang Hue Can_Tho Hai_Phong",
    "CN": "Beijing Shanghai Guangzhou Fuzhou Wenzhou Shenzhen Chengdu",
    "TW": "Taipei Kaohsiung Taichung",
    "HK": "Hong_Kong Kowloon",
    "EG": "Cairo Alexandria",
    "IQ": "Baghdad Basra Mosul",
    "SY": "Damascus Aleppo Homs",
    "YE": "Sanaa Aden",
    "JO": "Amman Irbid",
    "LB": "Beirut Tripoli",
    "SD": "Khartoum",
    "MA": "Casablanca Rabat",
    "SA": "Riyadh Jeddah",
    "RU": "Moscow Saint_Petersburg Novosibirsk",
    "UA": "Kyiv Kharkiv Odesa Lviv",
    "PL": "Warszawa Kraków Łódź",
    "RS": "Belgrade Novi_Sad",
    "HR": "Zagreb",
    "CZ": "Praha",
    "NG": "Lagos Abuja Ibadan Enugu Kano",
    "GH": "Accra Kumasi",
    "SN": "Dakar Thiès",
    "SL": "Freetown",
    "LR": "Monrovia",
    "ML": "Bamako",
    "GN": "Conakry",
    "IN": "Mumbai Delhi Ahmedabad Chandigarh Hyderabad Chennai Kolkata Amritsar",
    "PK": "Karachi Lahore Islamabad",
    "BD": "Dhaka Chittagong Sylhet",
    "NP": "Kathmandu",
    "GB": "London Manchester Birmingham",
    "CA": "Toronto Vancouver Montreal",
    "JM": "Kingston Montego_Bay Spanish_Town",
    "IE": "Dublin Cork",
    "TT": "Port_of_Spain San_Fernando",
    "GY": "Georgetown",
}

# U.S. residence: city, state, ZIP prefix, weight.
US_CITIES = """
Los_Angeles CA 900 40 Houston TX 770 30 Chicago IL 606 28 New_York NY 100 40 Miami FL 331 25
Phoenix AZ 850 18 San_Antonio TX 782 15 Dallas TX 752 18 Atlanta GA 303 15 Charlotte NC 282 10
Denver CO 802 10 Las_Vegas NV 891 12 Orlando FL 328 10 Nashville TN 372 8 Raleigh NC 276 6
Newark NJ 071 10 Seattle WA 981 8 Fresno CA 937 8 El_Paso TX 799 10 Salt_Lake_City UT 841 5
Omaha NE 681 4 Boston MA 021 8 Philadelphia PA 191 10 Detroit MI 482 6 Minneapolis MN 554 5
Tampa FL 336 8 Austin TX 787 8 San_Diego CA 921 12 Bakersfield CA 933 6 Riverside CA 925 8
"""
STREETS = [
    "Main",
    "Oak",
    "Pine",
    "Maple",
    "Cedar",
    "Elm",
    "Washington",
    "Lake",
    "Hill",
    "Park",
    "First",
    "Second",
    "Third",
    "Lincoln",
    "Jackson",
    "Church",
    "Sunset",
    "Mill",
    "Cherry",
    "Walnut",
    "Highland",
    "Center",
    "Broadway",
    "Madison",
    "Jefferson",
    "Ridge",
    "Spring",
    "River",
    "Franklin",
    "Chestnut",
    "Willow",
    "Meadow",
    "Forest",
    "Dogwood",
    "Magnolia",
]
STREET_TYPES = ["St", "Ave", "Rd", "Dr", "Blvd", "Ln", "Ct", "Way"]

# Spanish hypocorisms (the English ones come from the ``nicknames`` package).
SPANISH_NICKNAMES = {
    "José": ("Pepe", "Chepe"),
    "Francisco": ("Paco", "Pancho", "Kiko"),
    "Jesús": ("Chuy", "Chucho"),
    "Guillermo": ("Memo",),
    "Ignacio": ("Nacho",),
    "Eduardo": ("Lalo",),
    "Guadalupe": ("Lupe", "Lupita"),
    "Alejandro": ("Alex", "Jano"),
    "Roberto": ("Beto",),
    "Alberto": ("Beto",),
    "Enrique": ("Quique",),
    "Rosa": ("Rosita",),
    "Concepción": ("Concha",),
    "Manuel": ("Manolo", "Manny"),
    "Antonio": ("Toño", "Tony"),
}

# NCIC offense codes used for synthetic bookings (code, description, relative weight).
NCIC_OFFENSES = (
    ("5404", "Driving under influence - liquor", 18),
    ("5499", "Traffic offense", 14),
    ("1313", "Simple assault", 12),
    ("2399", "Larceny", 10),
    ("3562", "Marijuana - possession", 8),
    ("3599", "Dangerous drugs", 7),
    ("5015", "Failure to appear", 7),
    ("2299", "Burglary", 5),
    ("1399", "Assault", 5),
    ("4801", "Resisting officer", 4),
    ("2699", "Fraudulent activities", 3),
    ("0301", "Illegal entry", 3),
    ("2404", "Vehicle theft", 2),
    ("1201", "Robbery", 2),
    ("5212", "Weapon offense", 2),
    ("0999", "Homicide", 1),
)
