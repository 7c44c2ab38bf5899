/** Behavioural health: the mind, substances, crisis and loss. */
export const behavioralHealth = `
## services
counseling,counselling,counselor,therapy,therapist,talk therapy,mental health=consejeria,consejero,consejera,terapia,terapeuta,psicoterapia,salud mental,platicar con alguien,hablar con alguien,orientacion
mental health clinic,behavioral health,outpatient mental health=clinica de salud mental,salud conductual,salud emocional,bienestar emocional
psychologist,psychiatrist,psychiatry,psychiatric,psych meds=psicologo,psicologa,psiquiatra,psiquiatria,psiquiatrico,medicamento para los nervios
family therapy,couples counseling,marriage counseling=terapia familiar,terapia de pareja,consejeria matrimonial,consejeria familiar
support group,peer support,group therapy=grupo de apoyo,apoyo de companeros,terapia de grupo,grupo de ayuda
crisis line,crisis hotline,hotline,988,mobile crisis,crisis team=linea de crisis,linea de ayuda,linea directa,equipo de crisis,crisis,988
suicide,suicidal,suicide prevention,wants to die,self harm,cutting=suicidio,suicida,quitarse la vida,quiere morir,me quiero morir,quitarme la vida,hacerse dano,cortarse,prevencion del suicidio,no quiero vivir
youth counseling,teen counseling,school counselor=consejeria para jovenes,terapia para adolescentes,consejero escolar
## conditions
depression,depressed,sad,sadness,hopeless=depresion,deprimido,deprimida,triste,tristeza,me siento triste,sin esperanza,bajon,agüitado@mx,aguitado@mx,achicopalado@mx
anxiety,anxious,panic attacks,panic,worry,stress,stressed=ansiedad,ansioso,nervios,ataques de panico,panico,preocupacion,estres,estresado,angustia,nervioso,ataque de nervios@cb
trauma,ptsd,post traumatic=trauma,estres postraumatico,traumatizado
postpartum depression,baby blues=depresion posparto,tristeza despues del parto
bipolar,schizophrenia,psychosis,hearing voices,serious mental illness=bipolar,esquizofrenia,psicosis,oye voces,enfermedad mental grave
adhd,autism,behavior problems=deficit de atencion,hiperactividad,autismo,problemas de conducta,mal comportamiento
loneliness,lonely,isolated,isolation=soledad,aislado,aislamiento,me siento solo
grief,bereavement,loss of a loved one,death in the family,grieving=duelo,luto,perdida de un ser querido,muerte en la familia,fallecio,se murio,perdi a mi
## substance use
addiction,substance use,drug treatment,substance abuse=adiccion,adicciones,uso de sustancias,tratamiento de drogas,drogadiccion,vicio
alcohol,alcoholism,drinking,alcoholic,aa,alcoholics anonymous=alcohol,alcoholismo,borracho,alcoholico,alcoholicos anonimos,dejar de tomar,dejar de beber,la bebida,chupar@mx,pisto@ca,guaro@ca
drugs,drug,meth,cocaine,marijuana,heroin=drogas,droga,cristal,perico,coca,cocaina,mota@mx,marihuana,heroina,chiva@mx
opioids,opioid,fentanyl,narcan,naloxone,methadone,suboxone,buprenorphine=opioides,opioide,fentanilo,narcan,naloxona,metadona,suboxone,buprenorfina
detox,rehab,residential treatment,recovery,sober=desintoxicacion,rehabilitacion,centro de rehabilitacion,anexo@mx,recuperacion,sobrio,tratamiento residencial,centro de recuperacion
smoking,quit smoking,tobacco,vaping,nicotine,cigarettes=fumar,dejar de fumar,tabaco,vapear,nicotina,cigarros,cigarrillos
gambling,problem gambling=apuestas,adiccion al juego,ludopatia
`;
